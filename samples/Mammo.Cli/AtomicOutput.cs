namespace Mammo.Cli;

/// <summary>
/// The console's own atomic writes: a unique temporary name beside the target, flushed, then renamed over it, as the
/// library's internal <c>Mammo.IO.AtomicFile</c> does. Kept here rather than made public in Mammo.Core: writing files
/// safely is not what a mammography library offers its users, and the sample shows the public surface, not extends it.
/// </summary>
internal static class AtomicOutput
{
    /// <summary>The suffix of every temporary file or folder, the same as the library's, so one sweep finds both.</summary>
    public const string TemporarySuffix = ".mammo-tmp";

    /// <summary>Writes UTF-8 text atomically: a failed run never leaves a half-written output, and keeps the old one.</summary>
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = TemporaryPathFor(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Makes a folder's contents in a temporary folder beside <paramref name="target"/> (<paramref name="fill"/> gets its
    /// path), then publishes them (see <see cref="PublishDirectory"/>); a failed or killed run leaves nothing half-made
    /// in the target, and a later run sweeps what a killed one left beside it.
    /// </summary>
    public static void WriteDirectory(string target, string last, Action<string> fill)
    {
        var full = Path.GetFullPath(target);
        SweepStaleBeside(full);
        var staging = Directory.CreateDirectory(TemporaryPathFor(full)).FullName;
        try
        {
            fill(staging);
            PublishDirectory(staging, full, last);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Puts the entries of a finished folder into <paramref name="target"/>: one rename when there is no such folder yet;
    /// otherwise entry by entry (an entry of the same name is replaced, anything else there is left alone), with
    /// <paramref name="last"/> moved last, so that file only appears once everything it describes is in place.
    /// </summary>
    public static void PublishDirectory(string finished, string target, string last)
    {
        var full = Path.GetFullPath(target);
        if (!Directory.Exists(full))
        {
            Directory.Move(finished, full);
            return;
        }

        foreach (var entry in new DirectoryInfo(finished).EnumerateFileSystemInfos().OrderBy(e => e.Name == last).ToList())
        {
            var destination = Path.Combine(full, entry.Name);
            if (entry is FileInfo file)
            {
                file.MoveTo(destination, overwrite: true);
                continue;
            }

            // A folder of the same name is renamed aside first and deleted after: never a mix of two runs.
            var old = Directory.Exists(destination) ? TemporaryPathFor(destination) : null;
            if (old is not null)
            {
                Directory.Move(destination, old);
            }

            Directory.Move(entry.FullName, destination);
            if (old is not null)
            {
                Directory.Delete(old, recursive: true);
            }
        }

        Directory.Delete(finished, recursive: true);
    }

    /// <summary>A fresh temporary path (file or folder) beside <paramref name="fullPath"/>.</summary>
    public static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");

    /// <summary>Removes temporary files and folders, left by a killed run more than an hour ago, beside <paramref name="fullPath"/>.</summary>
    public static void SweepStaleBeside(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            return;
        }

        var cutoff = DateTime.UtcNow.AddHours(-1);
        var pattern = $".{Path.GetFileName(fullPath)}.*{TemporarySuffix}";
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos(pattern))
        {
            try
            {
                if (entry.LastWriteTimeUtc < cutoff)
                {
                    if (entry is DirectoryInfo folder)
                    {
                        folder.Delete(recursive: true);
                    }
                    else
                    {
                        entry.Delete();
                    }
                }
            }
            catch (IOException)
            {
                // Another process may be using it: it is not stale after all.
            }
        }
    }
}
