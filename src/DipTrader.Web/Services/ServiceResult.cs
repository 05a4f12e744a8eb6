namespace DipTrader.Web.Services;

/// <summary>
/// The outcome of a user's request: done, refused with field messages (the form shows them, the API answers
/// 400 ProblemDetails), or not found (another user's id answers exactly like a missing one).
/// </summary>
public sealed class ServiceResult<T>
{
    private ServiceResult(T? value, IReadOnlyDictionary<string, string[]> errors, bool notFound)
    {
        Value = value;
        Errors = errors;
        NotFound = notFound;
    }

    public T? Value { get; }
    public IReadOnlyDictionary<string, string[]> Errors { get; }
    public bool NotFound { get; }
    public bool Succeeded => !NotFound && Errors.Count == 0;

    public static ServiceResult<T> Ok(T value) => new(value, new Dictionary<string, string[]>(), false);

    public static ServiceResult<T> Missing() => new(default, new Dictionary<string, string[]>(), true);

    public static ServiceResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(default, errors, false);

    public static ServiceResult<T> Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}

/// <summary>Collects field errors in the order they are found.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
