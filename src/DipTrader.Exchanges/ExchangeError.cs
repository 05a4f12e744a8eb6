namespace DipTrader.Exchanges;

public enum ExchangeErrorKind
{
    RateLimited,
    InsufficientFunds,
    InvalidOrder,
    DuplicateClientOrderId,
    AuthenticationFailed,
    NotFound,
    /// <summary>The venue could not be reached or answered 5xx/timeout: the outcome of a write is unknown.</summary>
    Unavailable,
    Unknown,
}

/// <summary>A failure reported by (or on the way to) a venue, with the venue's own code and message.</summary>
public sealed record ExchangeError(ExchangeErrorKind Kind, string Message, string? Code = null, int? HttpStatus = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Worth trying again later: rate limits and outages. Business errors are not.</summary>
    public bool IsTransient => Kind is ExchangeErrorKind.RateLimited or ExchangeErrorKind.Unavailable;

    public override string ToString() => Code is null ? $"{Kind}: {Message}" : $"{Kind} ({Code}): {Message}";
}

/// <summary>Carries an <see cref="ExchangeError"/> out of an exchange call.</summary>
public sealed class ExchangeException : Exception
{
    public ExchangeException(ExchangeError error, Exception? inner = null)
        : base(error.ToString(), inner)
    {
        Error = error;
    }

    public ExchangeException()
        : this(new ExchangeError(ExchangeErrorKind.Unknown, "Unknown exchange error."))
    {
    }

    public ExchangeException(string message)
        : this(new ExchangeError(ExchangeErrorKind.Unknown, message))
    {
    }

    public ExchangeException(string message, Exception inner)
        : this(new ExchangeError(ExchangeErrorKind.Unknown, message), inner)
    {
    }

    public ExchangeError Error { get; }
}
