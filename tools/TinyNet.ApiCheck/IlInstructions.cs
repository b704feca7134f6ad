using System.Reflection.Metadata;

namespace TinyNet.ApiCheck;

/// <summary>One IL instruction of interest: its offset, opcode and (for token operands) the token.</summary>
public readonly record struct IlInstruction(int Offset, ILOpCode OpCode, int Token);

/// <summary>
/// Walks a method body's IL. Only the operand sizes are needed to step from one instruction to
/// the next; token operands are returned so their metadata can be checked.
/// </summary>
public static class IlInstructions
{
    public static IEnumerable<IlInstruction> Read(MethodBodyBlock body)
    {
        var il = body.GetILReader();
        var result = new List<IlInstruction>();
        while (il.RemainingBytes > 0)
        {
            int offset = il.Offset;
            int code = il.ReadByte();
            if (code == 0xFE)
                code = 0xFE00 | il.ReadByte();
            var opCode = (ILOpCode)code;
            int token = 0;
            switch (OperandSize(opCode))
            {
                case OperandKind.None: break;
                case OperandKind.Byte: il.ReadByte(); break;
                case OperandKind.Short: il.ReadInt16(); break;
                case OperandKind.Int: il.ReadInt32(); break;
                case OperandKind.Long: il.ReadInt64(); break;
                case OperandKind.Token: token = il.ReadInt32(); break;
                case OperandKind.Switch:
                    int count = il.ReadInt32();
                    for (int i = 0; i < count; i++) il.ReadInt32();
                    break;
            }
            result.Add(new IlInstruction(offset, opCode, token));
        }
        return result;
    }

    private enum OperandKind { None, Byte, Short, Int, Long, Token, Switch }

    private static OperandKind OperandSize(ILOpCode op) => op switch
    {
        ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s
            or ILOpCode.Bgt_s or ILOpCode.Ble_s or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s
            or ILOpCode.Bgt_un_s or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s or ILOpCode.Leave_s
            or ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s
            or ILOpCode.Ldloca_s or ILOpCode.Stloc_s or ILOpCode.Ldc_i4_s or ILOpCode.Unaligned
            or (ILOpCode)0xFE19 /* no. prefix */ => OperandKind.Byte,
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca
            or ILOpCode.Stloc => OperandKind.Short,
        ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge or ILOpCode.Bgt
            or ILOpCode.Ble or ILOpCode.Blt or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un
            or ILOpCode.Ble_un or ILOpCode.Blt_un or ILOpCode.Leave or ILOpCode.Ldc_i4
            or ILOpCode.Ldc_r4 => OperandKind.Int,
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => OperandKind.Long,
        ILOpCode.Jmp or ILOpCode.Call or ILOpCode.Calli or ILOpCode.Callvirt or ILOpCode.Cpobj
            or ILOpCode.Ldobj or ILOpCode.Ldstr or ILOpCode.Newobj or ILOpCode.Castclass or ILOpCode.Isinst
            or ILOpCode.Unbox or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld
            or ILOpCode.Ldsflda or ILOpCode.Stsfld or ILOpCode.Stobj or ILOpCode.Box or ILOpCode.Newarr
            or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Unbox_any
            or ILOpCode.Refanyval or ILOpCode.Mkrefany or ILOpCode.Ldtoken or ILOpCode.Ldftn
            or ILOpCode.Ldvirtftn or ILOpCode.Initobj or ILOpCode.Constrained or ILOpCode.Sizeof
            => OperandKind.Token,
        ILOpCode.Switch => OperandKind.Switch,
        _ => OperandKind.None,
    };
}
