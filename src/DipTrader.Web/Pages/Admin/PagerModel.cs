using System.Globalization;

namespace DipTrader.Web.Pages.Admin;

/// <summary>A "newer / older" pager over <c>?p=</c>.</summary>
public sealed record PagerModel(string Path, int Number, bool HasPrevious, bool HasNext)
{
    public string Link(int number) => string.Create(CultureInfo.InvariantCulture, $"{Path}?p={number}");
}
