using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bots1C.Tests.Infrastructure;

/// <summary>Every entry every logger of a test app writes, with its exception and structured values as text: register
/// it with <c>AddLogging(l => l.AddProvider(logs))</c> and look at what the app said.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, string Details);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    /// <summary>Each entry as one line of text: level, category, message, values, exception.</summary>
    public IReadOnlyList<string> Lines => Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Details}").ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue(new Entry(category, LogLevel.Trace, "(scope)", Describe(state)));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), $"{Describe(state)} {exception}"));

        private static string Describe(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
                : state?.ToString() ?? "";
    }
}
