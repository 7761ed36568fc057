using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using CrossShard.Core.Hashing;
using System.Text;
using CrossShard.Core.Ids;

namespace CrossShard.Core.Transactions;

/// <summary>
/// The canonical binary encoding of a transaction, the input of its id. Layout, all integers little-endian:
/// <c>u8 version(=1) | u64 nonce | u16 opCount | opCount × (u8 kind | i32 anchorShard | u16 keyLen | key UTF-8 | i64 amount)</c>.
/// </summary>
public static class TransactionCodec
{
    /// <summary>The encoding version written by this code.</summary>
    public const byte Version = 1;

    /// <summary>The most operations a transaction may carry.</summary>
    public const int MaxOperations = 64;

    private const int HeaderSize = 1 + 8 + 2;
    private const int FixedOpSize = 1 + 4 + 2 + 8;

    /// <summary>Size in bytes of the encoding of <paramref name="tx"/>.</summary>
    public static int EncodedSize(Transaction tx)
    {
        // Every message and record that carries the transaction sizes it again; it never changes, so count once.
        if (tx.EncodedSizeCache is var cached and > 0)
        {
            return cached;
        }

        var size = HeaderSize;
        foreach (var op in tx.Operations)
        {
            size += FixedOpSize + Encoding.UTF8.GetByteCount(op.Key ?? string.Empty);
        }

        tx.EncodedSizeCache = size;
        return size;
    }

    /// <summary>Writes the canonical encoding; returns the number of bytes written.</summary>
    public static int Encode(Transaction tx, Span<byte> destination)
    {
        if (tx.Operations.Length > ushort.MaxValue)
        {
            throw new ArgumentException("too many operations to encode", nameof(tx));
        }

        destination[0] = Version;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], tx.Nonce);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[9..], (ushort)tx.Operations.Length);
        var offset = HeaderSize;
        foreach (var op in tx.Operations)
        {
            destination[offset] = (byte)op.Kind;
            BinaryPrimitives.WriteInt32LittleEndian(destination[(offset + 1)..], op.IsAccountOperation ? 0 : op.AnchorShard.Value);
            var keyLength = Encoding.UTF8.GetBytes(op.Key ?? string.Empty, destination[(offset + 7)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(offset + 5)..], checked((ushort)keyLength));
            BinaryPrimitives.WriteInt64LittleEndian(destination[(offset + 7 + keyLength)..], op.Amount);
            offset += FixedOpSize + keyLength;
        }

        return offset;
    }

    /// <summary>The canonical encoding as a new array.</summary>
    public static byte[] Encode(Transaction tx)
    {
        var bytes = new byte[EncodedSize(tx)];
        Encode(tx, bytes);
        return bytes;
    }

    /// <summary>Decodes a canonical encoding, or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Transaction Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0 && bytes[0] != Version)
        {
            throw new FormatException($"unknown transaction encoding version {bytes[0]} (this build reads {Version})");
        }

        if (bytes.Length < HeaderSize)
        {
            throw new FormatException($"transaction encoding truncated: {bytes.Length} bytes, header needs {HeaderSize}");
        }

        var nonce = BinaryPrimitives.ReadUInt64LittleEndian(bytes[1..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[9..]);
        if (count > MaxOperations)
        {
            throw new FormatException($"transaction has {count} operations, at most {MaxOperations} allowed");
        }

        var ops = ImmutableArray.CreateBuilder<Operation>(count);
        var offset = HeaderSize;
        for (var i = 0; i < count; i++)
        {
            if (bytes.Length - offset < FixedOpSize)
            {
                throw new FormatException($"transaction encoding truncated in operation {i}");
            }

            var kind = (OperationKind)bytes[offset];
            if (kind is not (OperationKind.Debit or OperationKind.Credit or OperationKind.Anchor))
            {
                throw new FormatException($"operation {i} has unknown kind {(byte)kind}");
            }

            var shard = BinaryPrimitives.ReadInt32LittleEndian(bytes[(offset + 1)..]);
            int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(offset + 5)..]);
            if (bytes.Length - offset < FixedOpSize + keyLength)
            {
                throw new FormatException($"transaction encoding truncated in operation {i}");
            }

            var key = Encoding.UTF8.GetString(bytes.Slice(offset + 7, keyLength));
            var amount = BinaryPrimitives.ReadInt64LittleEndian(bytes[(offset + 7 + keyLength)..]);
            ops.Add(new Operation(kind, key, amount, new ShardId(shard)));
            offset += FixedOpSize + keyLength;
        }

        if (offset != bytes.Length)
        {
            throw new FormatException($"transaction encoding has {bytes.Length - offset} trailing bytes");
        }

        return new Transaction(nonce, ops.MoveToImmutable());
    }

    /// <summary>TxId = SHA3-256(canonical encoding).</summary>
    public static TxId ComputeId(Transaction tx)
    {
        var size = EncodedSize(tx);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = Encode(tx, rented);
            Span<byte> hash = stackalloc byte[TxId.Size];
            Sha3Sponge.HashData(rented.AsSpan(0, written), hash);
            return TxId.FromBytes(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
