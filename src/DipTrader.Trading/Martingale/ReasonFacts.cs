using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DipTrader.Trading.Indicators;

namespace DipTrader.Trading.Martingale;

/// <summary>Which sentence a reason is (one per rule, two for T1/T2).</summary>
internal enum ReasonKind : byte
{
    Gate,
    CriticalAdd,
    SafeDeclineAdd,
    BelowTargetAdd,
    DipAdd,
    AddsPausedByDecline,
    AddsPausedByVolatility,
    NothingToDo,
    ManualMode,
    Open,
    EntryPausedByDecline,
    EntryPausedByVolatility,
    WaitingForDip,
    CapRefusal,
    Reduce,
    ReduceLargerThanPosition,
    Close,
    ProfitBelowSteps,
}

/// <summary>
/// The numbers a decision's reason is written from, as the decision had them (exact decimals, scale included), and
/// the pair whose settings the sentence quotes. A backtest keeps them in a few bytes (<see cref="Encode"/>) and
/// writes the sentence only when a decision is read (<see cref="Decode"/>): the same text as writing it at once.
/// </summary>
public readonly record struct ReasonFacts
{
    /// <summary>The most bytes <see cref="Encode"/> writes.</summary>
    public const int MaxEncodedLength = HeaderLength + 7 * DecimalLength + 3 * sizeof(double);

    private const int HeaderLength = 8;
    private const int DecimalLength = 16;
    private const byte SizedFlag = 1;
    private const byte NoMarginLevelFlag = 2;

    internal ReasonFacts(PairSettings pair, ReasonKind kind)
    {
        Pair = pair;
        Kind = kind;
    }

    /// <summary>The pair the reason was made for: its sentence quotes the pair's side, symbol and settings.</summary>
    public PairSettings Pair { get; }
    internal ReasonKind Kind { get; }

    /// <summary>An open or add whose order's sizing follows the sentence.</summary>
    internal bool Sized { get; init; }

    internal decimal Price { get; init; }

    /// <summary>The EMA the sentence compares the price with (EMA200, EMA50 or the 1h EMA100).</summary>
    internal decimal Ema { get; init; }

    internal decimal? MarginLevel { get; init; }
    internal decimal MarginRatio { get; init; }
    internal decimal PnlRatio { get; init; }
    internal decimal UnrealisedPnl { get; init; }
    internal decimal Balance { get; init; }
    internal decimal PositionSize { get; init; }
    internal decimal Quantity { get; init; }
    internal decimal Required { get; init; }
    internal decimal Taper { get; init; }
    internal decimal Usage { get; init; }
    internal decimal Cap { get; init; }
    internal Rule Wanted { get; init; }
    internal int Step { get; init; }
    internal int ActiveSymbols { get; init; }
    internal DeclineType DeclineType { get; init; }
    internal double DeclineScore { get; init; }
    internal VolatilityTrigger Trigger { get; init; }
    internal double VolatilityValue { get; init; }
    internal double VolatilityThreshold { get; init; }

    /// <summary>The reason as the trader reads it.</summary>
    public string Write() => Reasons.Write(this);

    internal ReasonFacts With(DeclineAssessment decline) => this with { DeclineType = decline.Type, DeclineScore = decline.Score };

    internal ReasonFacts With(VolatilityAssessment volatility) =>
        this with { Trigger = volatility.Trigger, VolatilityValue = volatility.Value ?? 0, VolatilityThreshold = volatility.Threshold ?? 0 };

    /// <summary>An open or add: the sentence, then the order's size and margin.</summary>
    internal ReasonFacts WithSizing(decimal quantity, decimal requiredMargin, decimal balance, decimal taper) =>
        this with { Sized = true, Quantity = quantity, Required = requiredMargin, Balance = balance, Taper = taper };

    /// <summary>Writes the numbers this reason's sentence reads, not the pair: <see cref="Decode"/> is given it back.</summary>
    /// <returns>The bytes written, at most <see cref="MaxEncodedLength"/>.</returns>
    public int Encode(Span<byte> destination)
    {
        var fields = Fields(Kind, Sized);
        destination[0] = (byte)Kind;
        destination[1] = (byte)((Sized ? SizedFlag : 0) | (MarginLevel is null ? NoMarginLevelFlag : 0));
        destination[2] = (byte)Wanted;
        destination[3] = checked((byte)Step);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], ActiveSymbols);
        var at = HeaderLength;
        Put(destination, ref at, fields, Field.Price, Price);
        Put(destination, ref at, fields, Field.Ema, Ema);
        Put(destination, ref at, fields & (MarginLevel is null ? ~Field.MarginLevel : Field.All), Field.MarginLevel, MarginLevel ?? 0);
        Put(destination, ref at, fields, Field.MarginRatio, MarginRatio);
        Put(destination, ref at, fields, Field.PnlRatio, PnlRatio);
        Put(destination, ref at, fields, Field.UnrealisedPnl, UnrealisedPnl);
        Put(destination, ref at, fields, Field.Balance, Balance);
        Put(destination, ref at, fields, Field.PositionSize, PositionSize);
        Put(destination, ref at, fields, Field.Quantity, Quantity);
        Put(destination, ref at, fields, Field.Required, Required);
        Put(destination, ref at, fields, Field.Taper, Taper);
        Put(destination, ref at, fields, Field.Usage, Usage);
        Put(destination, ref at, fields, Field.Cap, Cap);
        if ((fields & Field.Decline) != 0)
        {
            destination[at++] = (byte)DeclineType;
            BinaryPrimitives.WriteDoubleLittleEndian(destination[at..], DeclineScore);
            at += sizeof(double);
        }
        if ((fields & Field.Volatility) != 0)
        {
            destination[at++] = (byte)Trigger;
            BinaryPrimitives.WriteDoubleLittleEndian(destination[at..], VolatilityValue);
            BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + sizeof(double))..], VolatilityThreshold);
            at += 2 * sizeof(double);
        }
        return at;
    }

    /// <summary>The facts <see cref="Encode"/> wrote, for <paramref name="pair"/> (the pair they were made for).</summary>
    public static ReasonFacts Decode(ReadOnlySpan<byte> source, PairSettings pair)
    {
        var kind = (ReasonKind)source[0];
        var flags = source[1];
        var sized = (flags & SizedFlag) != 0;
        var fields = Fields(kind, sized);
        var at = HeaderLength;
        var facts = new ReasonFacts(pair, kind)
        {
            Sized = sized,
            Wanted = (Rule)source[2],
            Step = source[3],
            ActiveSymbols = BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
            Price = Take(source, ref at, fields, Field.Price),
            Ema = Take(source, ref at, fields, Field.Ema),
            MarginLevel = (flags & NoMarginLevelFlag) != 0 ? null : Take(source, ref at, fields, Field.MarginLevel),
            MarginRatio = Take(source, ref at, fields, Field.MarginRatio),
            PnlRatio = Take(source, ref at, fields, Field.PnlRatio),
            UnrealisedPnl = Take(source, ref at, fields, Field.UnrealisedPnl),
            Balance = Take(source, ref at, fields, Field.Balance),
            PositionSize = Take(source, ref at, fields, Field.PositionSize),
            Quantity = Take(source, ref at, fields, Field.Quantity),
            Required = Take(source, ref at, fields, Field.Required),
            Taper = Take(source, ref at, fields, Field.Taper),
            Usage = Take(source, ref at, fields, Field.Usage),
            Cap = Take(source, ref at, fields, Field.Cap),
        };
        if ((fields & Field.Decline) != 0)
        {
            facts = facts with { DeclineType = (DeclineType)source[at], DeclineScore = BinaryPrimitives.ReadDoubleLittleEndian(source[(at + 1)..]) };
            at += 1 + sizeof(double);
        }
        if ((fields & Field.Volatility) != 0)
        {
            facts = facts with
            {
                Trigger = (VolatilityTrigger)source[at],
                VolatilityValue = BinaryPrimitives.ReadDoubleLittleEndian(source[(at + 1)..]),
                VolatilityThreshold = BinaryPrimitives.ReadDoubleLittleEndian(source[(at + 1 + sizeof(double))..]),
            };
        }
        return facts;
    }

    // A decimal's own 16 bytes: read back, it is the same value with the same scale, so it prints the same.
    private static void Put(Span<byte> destination, ref int at, Field fields, Field field, decimal value)
    {
        if ((fields & field) != 0)
        {
            MemoryMarshal.Write(destination[at..], in value);
            at += DecimalLength;
        }
    }

    private static decimal Take(ReadOnlySpan<byte> source, ref int at, Field fields, Field field)
    {
        if ((fields & field) == 0)
        {
            return 0m;
        }
        var value = MemoryMarshal.Read<decimal>(source[at..]);
        at += DecimalLength;
        return value;
    }

    /// <summary>The numbers each sentence reads (see <see cref="Reasons"/>).</summary>
    private static Field Fields(ReasonKind kind, bool sized)
    {
        var fields = kind switch
        {
            ReasonKind.Gate => Field.Price | Field.Ema | Field.MarginLevel,
            ReasonKind.CriticalAdd => Field.MarginLevel,
            ReasonKind.SafeDeclineAdd => Field.MarginRatio | Field.Decline,
            ReasonKind.BelowTargetAdd => Field.MarginRatio,
            ReasonKind.DipAdd => Field.PnlRatio | Field.Price | Field.Ema,
            ReasonKind.AddsPausedByDecline or ReasonKind.EntryPausedByDecline => Field.Decline,
            ReasonKind.AddsPausedByVolatility or ReasonKind.EntryPausedByVolatility => Field.Volatility,
            ReasonKind.NothingToDo => Field.MarginRatio | Field.PnlRatio,
            ReasonKind.ManualMode => Field.None,
            ReasonKind.Open or ReasonKind.WaitingForDip => Field.Price | Field.Ema,
            ReasonKind.CapRefusal => Field.Quantity | Field.Required | Field.Usage | Field.Cap,
            ReasonKind.Reduce => Field.MarginRatio | Field.UnrealisedPnl | Field.Balance | Field.Quantity,
            ReasonKind.ReduceLargerThanPosition => Field.Quantity | Field.PositionSize,
            ReasonKind.Close => Field.PnlRatio | Field.PositionSize,
            ReasonKind.ProfitBelowSteps => Field.UnrealisedPnl | Field.Balance | Field.MarginRatio | Field.PnlRatio,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reason."),
        };
        return sized ? fields | Field.Quantity | Field.Required | Field.Balance | Field.Taper : fields;
    }

    [Flags]
    private enum Field
    {
        None = 0,
        Price = 1 << 0,
        Ema = 1 << 1,
        MarginLevel = 1 << 2,
        MarginRatio = 1 << 3,
        PnlRatio = 1 << 4,
        UnrealisedPnl = 1 << 5,
        Balance = 1 << 6,
        PositionSize = 1 << 7,
        Quantity = 1 << 8,
        Required = 1 << 9,
        Taper = 1 << 10,
        Usage = 1 << 11,
        Cap = 1 << 12,
        Decline = 1 << 13,
        Volatility = 1 << 14,
        All = ~0,
    }
}
