using System.Reflection;
using System.Reflection.Emit;

namespace TinyNet.Tests.KernelTests;

/// <summary>
/// Reads a method's IL and finds its innermost loops, so the cost of a hot loop on the nanoFramework
/// interpreter (which pays per IL instruction, about 24 ns each on x86) can be counted here, where
/// nanoCLR cannot run.
/// </summary>
/// <remarks>
/// The C# compiler lays a loop out as body, increment, condition, then a backward branch to the body;
/// the instructions from the branch target to the branch are one iteration. An innermost loop is a
/// backward branch whose range holds no other backward branch.
/// </remarks>
public static class IlLoops
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>One decoded instruction: its offset, opcode and, for a branch, its target.</summary>
    public readonly record struct Instruction(int Offset, OpCode OpCode, int Target);

    /// <summary>An innermost loop: the instructions of one iteration, first and last offset.</summary>
    public readonly record struct Loop(int Start, int End, int Instructions);

    /// <summary>Decodes the IL of <paramref name="method"/>.</summary>
    public static List<Instruction> Decode(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()?.GetILAsByteArray() ?? throw new ArgumentException($"{method.Name} has no IL");
        var list = new List<Instruction>();
        int pos = 0;
        while (pos < il.Length)
        {
            int offset = pos;
            short value = il[pos++];
            if (value == 0xFE)
                value = (short)(0xFE00 | il[pos++]);
            OpCode op = OpCodesByValue[value];
            int target = -1;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget: target = pos + 1 + (sbyte)il[pos]; pos += 1; break;
                case OperandType.InlineBrTarget: target = pos + 4 + BitConverter.ToInt32(il, pos); pos += 4; break;
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: pos += 1; break;
                case OperandType.InlineVar: pos += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: pos += 8; break;
                case OperandType.InlineSwitch: pos += 4 + 4 * BitConverter.ToInt32(il, pos); break;
                default: pos += 4; break;   // tokens, int32, float32
            }
            list.Add(new Instruction(offset, op, target));
        }
        return list;
    }

    /// <summary>The innermost loops of <paramref name="method"/>, in IL order.</summary>
    public static List<Loop> Innermost(MethodInfo method)
    {
        var code = Decode(method);
        var backward = code.Where(i => i.Target >= 0 && i.Target <= i.Offset).ToList();
        var loops = new List<Loop>();
        foreach (var branch in backward)
        {
            bool holdsAnother = backward.Any(o => o.Offset != branch.Offset && o.Target >= branch.Target && o.Offset < branch.Offset);
            if (holdsAnother)
                continue;
            int count = code.Count(i => i.Offset >= branch.Target && i.Offset <= branch.Offset);
            loops.Add(new Loop(branch.Target, branch.Offset, count));
        }
        return loops;
    }

    /// <summary>The method <paramref name="name"/> of <paramref name="type"/> with the given parameter types.</summary>
    public static MethodInfo Method(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static, parameters)
        ?? throw new ArgumentException($"{type.Name}.{name} not found");
}
