namespace DipTrader.Web.Pages.Bots;

/// <summary>
/// A form's field errors as the services return them (field → messages). A field's messages include those of
/// its indexed parts ("Config.reduce_steps" also shows "Config.reduce_steps[1]").
/// </summary>
public sealed class FormErrors(IReadOnlyDictionary<string, string[]> errors)
{
    public static FormErrors None { get; } = new(new Dictionary<string, string[]>());

    public bool Any => errors.Count > 0;

    public IReadOnlyList<string> For(string field) =>
        [.. errors.Where(e => Matches(e.Key, field)).SelectMany(e => e.Value)];

    public bool Has(string field) => errors.Keys.Any(k => Matches(k, field));

    /// <summary>Messages of every field the form does not show next to an input (plan limits, whole-config errors).</summary>
    public IReadOnlyList<string> Except(IEnumerable<string> shownFields)
    {
        var shown = shownFields.ToList();
        return [.. errors.Where(e => !shown.Exists(field => Matches(e.Key, field))).SelectMany(e => e.Value)];
    }

    private static bool Matches(string key, string field) =>
        key == field || (key.StartsWith(field, StringComparison.Ordinal) && key.Length > field.Length && key[field.Length] == '[');
}
