namespace Mammo.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a part: the data goes to a
/// uniquely named temporary file beside the target, is flushed to disk, and is then renamed over the target.
/// </summary>
/// <remarks>
/// Temporary names are <c>.{target name}.{random}.mammo-tmp</c>: unique per call, so two processes writing the same
/// target never share a temporary file, and recognisable, so <see cref="SweepStale"/> can remove those left behind by a
/// killed process.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>The suffix every temporary file of this helper carries.</summary>
    public const string TemporarySuffix = ".mammo-tmp";

    /// <summary>How old a temporary file must be before a sweep treats it as abandoned.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on any failure the target is untouched.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="flushToDisk">Whether the content reaches the disk before the rename (true); false for files that
    /// check themselves when read, such as feature-cache entries, where a flush per entry would cost more than a rebuild.</param>
    public static void Write(string path, Action<Stream> write, bool flushToDisk = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = TemporaryPathFor(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes bytes atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The whole content.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Writes UTF-8 text (no byte-order mark) atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="text">The whole content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>A fresh temporary path beside <paramref name="fullPath"/>, for writers that need a path rather than a stream (an HDF5 library, say); rename it with <see cref="Commit"/>.</summary>
    /// <param name="fullPath">The target's full path.</param>
    /// <returns>The temporary path.</returns>
    public static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");

    /// <summary>
    /// Writes <paramref name="path"/> atomically through a writer that needs a file path rather than a stream (an HDF5
    /// library, say): it writes a temporary path beside the target, which is renamed over the target when it returns.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="writeTo">Writes the whole content to the path it is given.</param>
    public static void WriteVia(string path, Action<string> writeTo)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writeTo);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = TemporaryPathFor(full);
        try
        {
            writeTo(temporary);
            Commit(temporary, full);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Renames a finished temporary file over its target.</summary>
    /// <param name="temporaryPath">From <see cref="TemporaryPathFor"/>, fully written.</param>
    /// <param name="fullPath">The target.</param>
    public static void Commit(string temporaryPath, string fullPath) => File.Move(temporaryPath, fullPath, overwrite: true);

    /// <summary>Removes temporary files older than <see cref="StaleAfter"/> that killed processes left in <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder to sweep (not recursive); nothing happens when it does not exist.</param>
    /// <returns>How many files were removed.</returns>
    public static int SweepStale(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        var cutoff = DateTime.UtcNow - StaleAfter;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + TemporarySuffix))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff && TryDelete(file))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Deletes a file, ignoring a failure (it is only a temporary file).</summary>
    /// <param name="path">The file.</param>
    /// <returns>Whether it was deleted.</returns>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
