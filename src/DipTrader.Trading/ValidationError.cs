namespace DipTrader.Trading;

/// <summary>A bad input value: the field it came from and what is allowed.</summary>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";

    public ValidationError Prefixed(string prefix) => this with { Field = $"{prefix}.{Field}" };
}

/// <summary>Either a value or the validation errors that stopped it.</summary>
public sealed class Validated<T>
    where T : class
{
    private Validated(T? value, IReadOnlyList<ValidationError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<ValidationError> Errors { get; }

    public bool IsValid => Value is not null;

    public static Validated<T> Ok(T value) => new(value, []);

    public static Validated<T> Fail(IReadOnlyList<ValidationError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("A failure needs at least one error.", nameof(errors));

    public static Validated<T> Fail(string field, string message) => Fail([new ValidationError(field, message)]);

    /// <summary>The value, or an exception listing every error.</summary>
    public T GetValueOrThrow() => Value ?? throw new ArgumentException(string.Join("; ", Errors));
}
