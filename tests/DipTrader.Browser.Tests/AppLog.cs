using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DipTrader.Browser.Tests;

/// <summary>
/// The app's log, kept in memory and written next to the screenshots when the run ends. One logger factory for
/// the process, never disposed: Quartz keeps its log provider in a static.
/// </summary>
internal sealed class AppLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    private AppLog()
    {
    }

    public static AppLog Instance { get; } = new();

    public static ILoggerFactory Factory { get; } = LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System", LogLevel.Warning)
        .AddFilter("Quartz", LogLevel.Warning)
        .AddProvider(Instance));

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(AppLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}";
            log._lines.Enqueue(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
        }
    }
}
