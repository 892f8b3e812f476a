namespace Mammo.CbisDdsm;

/// <summary>The kind of abnormality a case-description row describes.</summary>
public enum AbnormalityType
{
    /// <summary>A mass (<c>mass</c>, the mass CSVs).</summary>
    Mass,

    /// <summary>A calcification (<c>calcification</c>, the calcification CSVs).</summary>
    Calcification,
}
