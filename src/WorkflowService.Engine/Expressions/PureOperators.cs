using Acornima;

namespace WorkflowService.Engine.Expressions;

/// <summary>
/// The binary operators of <see cref="PureExpression"/>, each only for operand types where
/// JavaScript's rules are plain: arithmetic on two numbers, ordering of two numbers or two
/// strings, <c>+</c> joining a string with a primitive, equality of primitives. Objects and arrays
/// would be converted through their (overridable) methods, so any operation on one, other than
/// comparing it with null, is refused and left to Jint.
/// </summary>
internal static class PureOperators
{
    public static bool IsSupported(Operator op) => op is Operator.Addition or Operator.Subtraction or Operator.Multiplication
        or Operator.Division or Operator.Remainder or Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan
        or Operator.GreaterThanOrEqual or Operator.Equality or Operator.Inequality or Operator.StrictEquality
        or Operator.StrictInequality;

    /// <param name="maxTextLength">Longer joined text is left to Jint and its memory limit.</param>
    public static bool TryApply(Operator op, PureValue left, PureValue right, int maxTextLength, out PureValue value)
    {
        value = default;
        var numbers = left.Kind == PureKind.Number && right.Kind == PureKind.Number;
        var strings = left.Kind == PureKind.String && right.Kind == PureKind.String;
        switch (op)
        {
            case Operator.Addition when numbers:
                value = PureValue.Of(left.Number + right.Number);
                return true;
            case Operator.Addition when left.Kind == PureKind.String || right.Kind == PureKind.String:
                if (!left.TryToText(out var first) || !right.TryToText(out var second)) return false;
                if ((long)first.Length + second.Length > maxTextLength) return false;
                value = PureValue.Of(string.Concat(first, second));
                return true;
            case Operator.Subtraction when numbers:
                value = PureValue.Of(left.Number - right.Number);
                return true;
            case Operator.Multiplication when numbers:
                value = PureValue.Of(left.Number * right.Number);
                return true;
            case Operator.Division when numbers:
                value = PureValue.Of(left.Number / right.Number);
                return true;
            case Operator.Remainder when numbers:
                // .NET's % on doubles is IEEE fmod with the dividend's sign, as JavaScript's.
                value = PureValue.Of(left.Number % right.Number);
                return true;
            case Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual
                when numbers || strings:
                value = PureValue.Of(Compare(op, left, right, strings));
                return true;
            case Operator.Equality or Operator.Inequality when TryLooseEquals(left, right, out var equal):
                value = PureValue.Of(equal == (op == Operator.Equality));
                return true;
            case Operator.StrictEquality or Operator.StrictInequality
                when left.Kind != PureKind.Structure || right.Kind != PureKind.Structure:
                value = PureValue.Of(StrictEquals(left, right) == (op == Operator.StrictEquality));
                return true;
            default:
                return false;
        }
    }

    /// <summary>NaN compares false every way; strings compare by UTF-16 code units.</summary>
    private static bool Compare(Operator op, PureValue left, PureValue right, bool strings)
    {
        if (strings)
        {
            var order = string.CompareOrdinal(left.Text, right.Text);
            return op switch
            {
                Operator.LessThan => order < 0,
                Operator.LessThanOrEqual => order <= 0,
                Operator.GreaterThan => order > 0,
                _ => order >= 0,
            };
        }
        return op switch
        {
            Operator.LessThan => left.Number < right.Number,
            Operator.LessThanOrEqual => left.Number <= right.Number,
            Operator.GreaterThan => left.Number > right.Number,
            _ => left.Number >= right.Number,
        };
    }

    /// <summary>Different types are never equal; numbers by IEEE (NaN unequal, 0 equal to -0).</summary>
    private static bool StrictEquals(PureValue left, PureValue right) =>
        left.Kind == right.Kind && left.Kind switch
        {
            PureKind.Number or PureKind.Boolean => left.Number == right.Number,
            PureKind.String => string.Equals(left.Text, right.Text, StringComparison.Ordinal),
            _ => true, // null, undefined
        };

    /// <summary>
    /// <c>==</c> on primitives (JUEL's <c>eq</c>: <c>'10' eq 10</c>): null equals only undefined,
    /// otherwise both sides become numbers; an object equals no null. False when an object would be converted.
    /// </summary>
    private static bool TryLooseEquals(PureValue left, PureValue right, out bool equal)
    {
        equal = false;
        if (left.Kind == PureKind.Structure || right.Kind == PureKind.Structure)
        {
            // An object is never == null or undefined; anything else would call its valueOf/toString.
            var other = left.Kind == PureKind.Structure ? right : left;
            return other.IsNullish;
        }
        if (left.Kind == right.Kind)
        {
            equal = StrictEquals(left, right);
            return true;
        }
        if (left.IsNullish || right.IsNullish)
        {
            equal = left.IsNullish && right.IsNullish;
            return true;
        }
        equal = left.TryToNumber(out var a) && right.TryToNumber(out var b) && a == b;
        return true;
    }
}
