using System.Text;

namespace CrossShard.Cli.Bench;

/// <summary>A writer that keeps only the last lines written to it: the node processes' output, quoted when one fails.</summary>
internal sealed class LineTail(int capacity) : TextWriter
{
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _partial = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                Add(_partial.ToString().TrimEnd('\r'));
                _partial.Clear();
            }
            else
            {
                _partial.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _partial.Append(value);
            Add(_partial.ToString());
            _partial.Clear();
        }
    }

    /// <summary>The lines kept, oldest first.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > capacity)
        {
            _lines.Dequeue();
        }
    }
}
