using System.Globalization;
using System.Text;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// A query string in the order the parameters are added. The exact text built here is both sent and signed,
/// so nothing re-sorts or re-encodes it later (reference A.2).
/// </summary>
internal sealed class PhemexQuery
{
    private readonly StringBuilder _text = new();

    public PhemexQuery Add(string name, string value)
    {
        if (_text.Length > 0)
        {
            _text.Append('&');
        }
        _text.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public PhemexQuery Add(string name, int value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public PhemexQuery Add(string name, bool value) => Add(name, value ? "true" : "false");

    public override string ToString() => _text.ToString();
}
