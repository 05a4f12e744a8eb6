using System.Text.Json;
using System.Text.Json.Serialization;

namespace DipTrader.Exchanges.Paper;

/// <summary>The JSON form of <see cref="PaperAccountState"/>, shared by every store (files now, a database column later).</summary>
public static class PaperAccountJson
{
    public static string Serialize(PaperAccountState state) => JsonSerializer.Serialize(state, PaperStateJsonContext.Default.PaperAccountState);

    public static PaperAccountState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, PaperStateJsonContext.Default.PaperAccountState)
        ?? throw new JsonException("A paper account state is a JSON object, not null.");

    public static Task SerializeAsync(Stream stream, PaperAccountState state, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, state, PaperStateJsonContext.Default.PaperAccountState, cancellationToken);

    public static async ValueTask<PaperAccountState> DeserializeAsync(Stream stream, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync(stream, PaperStateJsonContext.Default.PaperAccountState, cancellationToken)
        ?? throw new JsonException("A paper account state is a JSON object, not null.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(PaperAccountState))]
internal sealed partial class PaperStateJsonContext : JsonSerializerContext;
