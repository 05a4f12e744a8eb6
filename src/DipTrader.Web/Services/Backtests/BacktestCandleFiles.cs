using System.Text.RegularExpressions;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using DipTrader.Web.Hosting;

namespace DipTrader.Web.Services.Backtests;

/// <summary>An uploaded candle file as the form received it.</summary>
public sealed record CandleUpload(string FileName, long Length, Func<Stream> Open);

/// <summary>
/// Uploaded candle CSVs under DATA_DIR/backtests, named by a random id that the request JSON refers to: the file
/// is complete before the row exists, so the worker never sees a row without its candles, and both survive a
/// restart. A file is removed when its backtest finishes or is deleted.
/// </summary>
public sealed partial class BacktestCandleFiles(WebSettings settings)
{
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    private string Directory => Path.Combine(settings.DataDirectory, "backtests");

    /// <summary>Copies an upload to a new stored file (refusing more than <see cref="MaxUploadBytes"/>) and answers its name.</summary>
    public async Task<string> SaveAsync(CandleUpload upload, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{Guid.NewGuid():N}.csv";
        var path = Path.Combine(Directory, name);
        try
        {
            await using var source = upload.Open();
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > MaxUploadBytes)
                {
                    throw new InvalidDataException(TooLarge(total));
                }
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            Delete(name);
            throw;
        }
        return name;
    }

    /// <summary>Reads a stored file; a malformed row throws <see cref="CandleCsvException"/> naming the line.</summary>
    public CandleSeries Read(string name, string displayName)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The uploaded candles ({displayName}) are no longer on this server; upload them again.");
        }
        using var reader = new StreamReader(path);
        return CandleCsv.Read(reader, displayName);
    }

    public void Delete(string? name)
    {
        if (name is not null && StoredName().IsMatch(name))
        {
            File.Delete(PathOf(name));
        }
    }

    public static string TooLarge(long bytes) =>
        FormattableString.Invariant($"The file is larger than the {MaxUploadBytes / 1024 / 1024} MB limit ({bytes / 1024.0 / 1024.0:0.#} MB or more); upload a shorter period.");

    /// <summary>A name from a request JSON, checked so it can only point inside the backtests folder.</summary>
    private string PathOf(string name) => StoredName().IsMatch(name)
        ? Path.Combine(Directory, name)
        : throw new InvalidDataException("The stored candle file name is not valid.");

    [GeneratedRegex("^[0-9a-f]{32}\\.csv$")]
    private static partial Regex StoredName();
}
