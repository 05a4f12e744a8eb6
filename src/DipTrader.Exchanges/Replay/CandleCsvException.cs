namespace DipTrader.Exchanges.Replay;

/// <summary>A CSV of candles that cannot be read; the message names the line and what is wrong with it.</summary>
public sealed class CandleCsvException : FormatException
{
    public CandleCsvException(string? fileName, int lineNumber, string problem)
        : base($"{fileName ?? "candles"}: line {lineNumber}: {problem}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Problem = problem;
    }

    public CandleCsvException()
        : this(null, 0, "unreadable candles")
    {
    }

    public CandleCsvException(string message)
        : base(message)
    {
        Problem = message;
    }

    public CandleCsvException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public string? FileName { get; }

    /// <summary>1-based line number in the file.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, without the file name and line.</summary>
    public string Problem { get; }
}
