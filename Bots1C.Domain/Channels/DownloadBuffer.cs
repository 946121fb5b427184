namespace Bots1C.Domain.Channels;

/// <summary>Holds a downloaded file in memory up to a limit: a file that turns out larger than it said is cut off
/// with <see cref="FileTooBigException"/> instead of filling the server's memory.</summary>
internal sealed class DownloadBuffer(long maxBytes, long? expectedBytes) : Stream
{
    private readonly MemoryStream _bytes = new((int)Math.Clamp(expectedBytes ?? 0, 0, maxBytes));

    /// <summary>The bytes written so far, from the start, for reading.</summary>
    public Stream Rewound()
    {
        _bytes.Position = 0;
        return _bytes;
    }

    /// <summary>Copies <paramref name="source"/> in, up to the limit.</summary>
    public static async Task<Stream> ReadAsync(Stream source, long maxBytes, long? expectedBytes, CancellationToken ct)
    {
        var buffer = new DownloadBuffer(maxBytes, expectedBytes);
        await source.CopyToAsync(buffer, ct);
        return buffer.Rewound();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_bytes.Length + buffer.Length > maxBytes)
            throw new FileTooBigException(maxBytes);
        _bytes.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _bytes.Length;
    public override long Position { get => _bytes.Length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Was <paramref name="e"/> caused (perhaps wrapped by an HTTP library) by a file over the limit?</summary>
    public static bool TooBig(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is FileTooBigException)
                return true;
        return false;
    }
}

/// <summary>Not an <see cref="IOException"/>, so HttpContent does not re-wrap it as a network failure.</summary>
internal sealed class FileTooBigException(long maxBytes) : Exception($"The file is larger than {maxBytes} bytes.");
