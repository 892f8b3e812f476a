namespace Mammo.Tests;

public sealed class ExceptionTests
{
    private static readonly Type[] Types = [.. typeof(MammoException).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(MammoException)))];

    [Fact]
    public void Every_mammo_exception_has_the_standard_constructors()
    {
        Assert.Equal(6, Types.Length);
        foreach (var type in Types)
        {
            var inner = new InvalidOperationException("inner");
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes)!.Invoke(null));
            Assert.Equal("message", ((Exception)type.GetConstructor([typeof(string)])!.Invoke(["message"])).Message);
            var withInner = (Exception)type.GetConstructor([typeof(string), typeof(Exception)])!.Invoke(["message", inner]);
            Assert.Same(inner, withInner.InnerException);
            Assert.Null(((MammoException)withInner).FilePath);
        }
    }

    [Fact]
    public void Exceptions_about_a_file_name_it_in_the_message_and_in_file_path()
    {
        MammoException[] errors =
        [
            new RoiFormatException("a.h5", "bad"),
            new ModelFileException("m.zip", "bad"),
            new CaseDescriptionException("c.csv", 3, "pathology", "bad"),
            new BackboneException("net.onnx", "missing"),
        ];
        foreach (var error in errors)
        {
            Assert.NotNull(error.FilePath);
            Assert.StartsWith(error.FilePath, error.Message);
        }

        using var directory = new Support.TempDirectory();
        Assert.Equal(directory.Path, new DatasetException(directory.Path, "the ROI folder is empty").FilePath);
        Assert.Null(new DatasetException("train.csv (fold 1 training part)", "one class").FilePath);
    }
}
