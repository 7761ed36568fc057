namespace CrossShard.Node.Tests;

/// <summary>Finds files of the repository from the test's output directory.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrossShard.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("CrossShard.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
