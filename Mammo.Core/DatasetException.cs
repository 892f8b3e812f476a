namespace Mammo;

/// <summary>A dataset that cannot be used for the requested job (for example one class only, or every ROI missing).</summary>
public sealed class DatasetException : MammoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public DatasetException()
    {
        Dataset = "";
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the dataset.</param>
    public DatasetException(string message)
        : base(message)
    {
        Dataset = "";
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the dataset.</param>
    /// <param name="innerException">The underlying error.</param>
    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Dataset = "";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="dataset">The dataset's name or source file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DatasetException(string dataset, string problem, Exception? innerException = null)
        : base(File.Exists(dataset) || Directory.Exists(dataset) ? dataset : null, $"{dataset}: {problem}", innerException)
    {
        Dataset = dataset;
    }

    /// <summary>Gets the dataset's name or source file (empty when the exception was made from a message alone).</summary>
    public string Dataset { get; }
}
