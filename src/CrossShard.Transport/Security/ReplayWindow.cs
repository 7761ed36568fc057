namespace CrossShard.Transport.Security;

/// <summary>
/// Accepts each (epoch, sequence) of one sender at most once. Sequences may arrive out of order within the last
/// <see cref="Size"/> numbers; older ones and older epochs are refused. A newer epoch (the sender restarted) resets
/// the window. Thread-safe.
/// </summary>
public sealed class ReplayWindow
{
    /// <summary>How far behind the highest sequence a late envelope may still be accepted.</summary>
    public const int Size = 1024;

    private readonly ulong[] _seen = new ulong[Size / 64];
    private readonly Lock _gate = new();
    private ulong _epoch;
    private ulong _highest;

    /// <summary>True if (epoch, sequence) would be accepted now; records nothing (call before the costly verification).</summary>
    public bool MayAccept(ulong epoch, ulong sequence)
    {
        lock (_gate)
        {
            return Check(epoch, sequence);
        }
    }

    /// <summary>Records (epoch, sequence) if it is acceptable; false if it is a replay. Call after the signature verified.</summary>
    public bool TryAccept(ulong epoch, ulong sequence)
    {
        lock (_gate)
        {
            if (!Check(epoch, sequence))
            {
                return false;
            }

            if (epoch > _epoch)
            {
                _epoch = epoch;
                _highest = 0;
                Array.Clear(_seen);
            }

            if (sequence > _highest)
            {
                // Slide: forget the bits that fall out of the window.
                var shift = sequence - _highest;
                if (shift > Size)
                {
                    Array.Clear(_seen);
                }
                else
                {
                    // Counted, not compared with the sequence: a sequence near ulong.MaxValue must not wrap the loop.
                    for (ulong i = 1; i <= shift; i++)
                    {
                        Clear(_highest + i);
                    }
                }

                _highest = sequence;
            }

            Set(sequence);
            return true;
        }
    }

    private bool Check(ulong epoch, ulong sequence)
    {
        if (sequence == 0 || epoch < _epoch)
        {
            return false;
        }

        if (epoch > _epoch || sequence > _highest)
        {
            return true;
        }

        return _highest - sequence < Size && !IsSet(sequence);
    }

    private bool IsSet(ulong sequence) => (_seen[(int)(sequence / 64 % (Size / 64))] & (1UL << (int)(sequence % 64))) != 0;

    private void Set(ulong sequence) => _seen[(int)(sequence / 64 % (Size / 64))] |= 1UL << (int)(sequence % 64);

    private void Clear(ulong sequence) => _seen[(int)(sequence / 64 % (Size / 64))] &= ~(1UL << (int)(sequence % 64));
}
