using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DipTrader.Web.Services;

/// <summary>Short hashes for page versions and cache keys: a cache key keeps nothing of the data it stands for.</summary>
public static class Fingerprint
{
    private static readonly JsonSerializerOptions Serialization = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    /// <summary>A hash of everything <paramref name="data"/> holds, serialised as JSON.</summary>
    public static string Of<T>(T data) => OfBytes(JsonSerializer.SerializeToUtf8Bytes(data, Serialization));

    /// <summary>A hash of <paramref name="bytes"/> themselves.</summary>
    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(SHA256.HashData(bytes));
}
