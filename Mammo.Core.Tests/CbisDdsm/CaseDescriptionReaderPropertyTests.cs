using System.Text;
using Mammo.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.CbisDdsm;

public sealed class CaseDescriptionReaderPropertyTests
{
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(TestFiles.Csv(
        TestFiles.MassHeader,
        TestFiles.MassRow(),
        TestFiles.MassRow(view: "MLO", margins: "OBSCURED-ILL_DEFINED", pathology: "BENIGN"),
        TestFiles.MassRow(patient: "P_00002", shape: "NA", pathology: "BENIGN_WITHOUT_CALLBACK", subtlety: 0)));

    [Fact]
    public void Mutated_files_are_read_or_refused_with_a_case_description_error()
    {
        Fuzz.Run(Mutation.Several, 300, mutations =>
        {
            var bytes = Mutation.Apply(Valid, mutations);
            Fuzz.SucceedsOrThrows<CaseDescriptionException>(() => CaseDescriptionReader.Read(new MemoryStream(bytes), "fuzz.csv"));
        });
    }
}
