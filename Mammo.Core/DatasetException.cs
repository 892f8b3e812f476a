namespace Mammo;

/// <summary>A dataset that cannot be used for the requested job (for example one class only, or every ROI missing).</summary>
public sealed class DatasetException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataset">The dataset's name or source file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DatasetException(string dataset, string problem, Exception? innerException = null)
        : base($"{dataset}: {problem}", innerException)
    {
        Dataset = dataset;
    }

    /// <summary>Gets the dataset's name or source file.</summary>
    public string Dataset { get; }
}
