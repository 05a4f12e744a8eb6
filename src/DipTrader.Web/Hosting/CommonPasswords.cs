using DipTrader.Data.Security;

namespace DipTrader.Web.Hosting;

/// <summary>The breached/common password list the build copies from npm (@zxcvbn-ts/language-common) into the app.</summary>
public static class CommonPasswords
{
    public const string FileName = "common-passwords.json";

    public static CommonPasswordList Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        return CommonPasswordList.LoadFile(path, allowMissing: false, ignoreShorterThan: PasswordPolicy.MinimumLength);
    }
}
