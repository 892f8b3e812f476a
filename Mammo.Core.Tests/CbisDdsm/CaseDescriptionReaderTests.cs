using System.Text;
using Mammo.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.CbisDdsm;

public sealed class CaseDescriptionReaderTests
{
    private static IReadOnlyList<CaseRecord> ReadText(string text) => CaseDescriptionReader.Read(new StringReader(text), "test.csv");

    private static CaseDescriptionException Fails(string text) => Assert.Throws<CaseDescriptionException>(() => ReadText(text));

    [Fact]
    public void Reads_a_mass_row_with_every_quirk_of_the_official_files()
    {
        var records = ReadText(TestFiles.Csv(
            TestFiles.MassHeader,
            TestFiles.MassRow(),
            TestFiles.MassRow(view: "MLO", shape: "NA", margins: "OBSCURED-ILL_DEFINED", pathology: "BENIGN_WITHOUT_CALLBACK", subtlety: 0, assessment: 0)));

        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal("P_00001_LEFT_CC_1", first.CaseKey);
        Assert.Equal("P_00001_LEFT_1", first.LesionKey);
        Assert.Equal([MassShape.Irregular, MassShape.ArchitecturalDistortion], first.MassShapes);
        Assert.Equal([MassMargin.Spiculated], first.MassMargins);
        Assert.True(first.IsMalignant);
        Assert.Equal("Mass-Training_P_00001_LEFT_CC_1/1.3.6.3/1.3.6.4/000001.dcm", first.RoiMaskFilePath);
        var second = records[1];
        Assert.Empty(second.MassShapes);
        Assert.Equal([MassMargin.Obscured, MassMargin.IllDefined], second.MassMargins);
        Assert.Equal(Pathology.BenignWithoutCallback, second.Pathology);
        Assert.False(second.IsMalignant);
        Assert.Equal(0, second.Subtlety);
        Assert.Equal(second.LesionKey, first.LesionKey);
    }

    [Fact]
    public void Reads_the_calcification_schema_and_keeps_its_terms_as_spelled()
    {
        var row = "P_00005,0,RIGHT,CC,1,calcification,AMORPHOUS-PLEOMORPHIC,CLUSTERED,3,MALIGNANT,3,Calc-Training_P_00005_RIGHT_CC/1/2/000000.dcm,\"Calc-Training_P_00005_RIGHT_CC_1/3/4/000000.dcm\n\",Calc-Training_P_00005_RIGHT_CC_1/3/4/000001.dcm";
        var record = Assert.Single(ReadText(TestFiles.Csv(TestFiles.CalcHeader, row)));
        Assert.Equal(AbnormalityType.Calcification, record.AbnormalityType);
        Assert.Equal(["AMORPHOUS", "PLEOMORPHIC"], record.CalcTypes);
        Assert.Equal(["CLUSTERED"], record.CalcDistributions);
        Assert.Equal(0, record.BreastDensity);
        Assert.Equal("Calc-Training_P_00005_RIGHT_CC_1/3/4/000000.dcm", record.CroppedImageFilePath);
    }

    [Fact]
    public void An_unknown_vocabulary_value_names_line_and_column()
    {
        var error = Fails(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(), TestFiles.MassRow(view: "MLO", margins: "FUZZY")));
        Assert.Equal(4, error.Line);
        Assert.Equal("mass margins", error.Column);
        Assert.Contains("FUZZY", error.Message);
        Assert.Contains("test.csv, line 4", error.Message);
    }

    [Theory]
    [InlineData("MAYBE", "pathology")]
    public void An_unknown_pathology_is_an_error(string pathology, string column)
    {
        var error = Fails(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(pathology: pathology)));
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Out_of_range_numbers_are_errors()
    {
        Assert.Equal("assessment", Fails(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(assessment: 7))).Column);
        Assert.Equal("subtlety", Fails(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(subtlety: 6))).Column);
        Assert.Equal("breast_density", Fails(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(density: 9))).Column);
    }

    [Fact]
    public void A_duplicate_case_key_is_an_error_naming_both_lines()
    {
        var error = Fails(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(), TestFiles.MassRow(pathology: "BENIGN")));
        Assert.Contains("duplicate case key P_00001_LEFT_CC_1", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("different pathology", error.Message);
    }

    [Fact]
    public void Unknown_and_missing_columns_are_errors()
    {
        Assert.Contains("unknown column(s) 'extra'", Fails(TestFiles.Csv(TestFiles.MassHeader + ",extra", TestFiles.MassRow() + ",x")).Message);
        Assert.Contains("'subtlety'", Fails(TestFiles.Csv(TestFiles.MassHeader.Replace(",subtlety", ",subtle"), TestFiles.MassRow())).Message);
        Assert.Contains("neither the mass nor the calcification", Fails("a,b\r\n1,2\r\n").Message);
    }

    [Fact]
    public void Empty_and_header_only_files_are_errors()
    {
        Assert.Contains("empty", Fails("").Message);
        Assert.Contains("no rows", Fails(TestFiles.MassHeader + "\r\n").Message);
    }

    [Fact]
    public void A_truncated_last_row_is_an_error()
    {
        var text = TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(), "P_00002,3,LEFT,CC,1,mass,OVAL");
        var error = Fails(text);
        Assert.Contains("fields", error.Message);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Non_utf8_bytes_are_an_error_naming_the_file()
    {
        using var directory = new TempDirectory();
        var path = directory.File("latin1.csv");
        var bytes = Encoding.UTF8.GetBytes(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow())).ToList();
        bytes.InsertRange(bytes.Count - 5, new byte[] { 0xE9, 0xFF });
        File.WriteAllBytes(path, bytes.ToArray());
        var error = Assert.Throws<CaseDescriptionException>(() => CaseDescriptionReader.Read(path));
        Assert.Contains("UTF-8", error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<CaseDescriptionException>(() => CaseDescriptionReader.Read("/no/such/file.csv"));
        Assert.Contains("/no/such/file.csv", error.Message);
    }

    [Fact]
    public void Written_case_descriptions_read_back_identically()
    {
        using var directory = new TempDirectory();
        var original = ReadText(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(), TestFiles.MassRow(patient: "P_00002", shape: "NA", pathology: "BENIGN")));
        var path = directory.File("written.csv");
        CaseDescriptionWriter.WriteMass(path, original);
        var again = CaseDescriptionReader.Read(path);
        Assert.Equal(original.Select(r => (r.CaseKey, r.Pathology, r.MassShapes.Count, r.RoiMaskFilePath)), again.Select(r => (r.CaseKey, r.Pathology, r.MassShapes.Count, r.RoiMaskFilePath)));
        Assert.Contains("\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void Written_calcification_descriptions_read_back_identically_with_the_official_quirks()
    {
        using var directory = new TempDirectory();
        var row = "P_00005,0,RIGHT,CC,1,calcification,AMORPHOUS-PLEOMORPHIC,CLUSTERED,3,MALIGNANT,3,a/000000.dcm,\"b/000000.dcm\n\",b/000001.dcm";
        var original = ReadText(TestFiles.Csv(TestFiles.CalcHeader, row, row.Replace("P_00005", "P_00006").Replace("AMORPHOUS-PLEOMORPHIC", "NA")));
        var path = directory.File("calc.csv");
        CaseDescriptionWriter.WriteCalcification(path, original);
        var again = CaseDescriptionReader.Read(path);
        Assert.Equal(
            original.Select(r => (r.CaseKey, r.Pathology, string.Join('-', r.CalcTypes), string.Join('-', r.CalcDistributions), r.CroppedImageFilePath, r.RoiMaskFilePath)),
            again.Select(r => (r.CaseKey, r.Pathology, string.Join('-', r.CalcTypes), string.Join('-', r.CalcDistributions), r.CroppedImageFilePath, r.RoiMaskFilePath)));
        Assert.Contains("\"b/000000.dcm\n\",b/000001.dcm\r\n", File.ReadAllText(path));
        Assert.Throws<ArgumentException>(() => CaseDescriptionWriter.WriteMass(directory.File("mass.csv"), original));
        Assert.False(File.Exists(directory.File("mass.csv")));
    }

    [Theory]
    [InlineData("MIAS_001", true)]
    [InlineData("P_1", true)]
    [InlineData("ABCDEFGH_12", true)]
    [InlineData("ABCDEFGHI_12", false)]
    [InlineData("P_", false)]
    [InlineData("_001", false)]
    [InlineData("p_00001", false)]
    [InlineData("P_0000a", false)]
    [InlineData("P_00001/..", false)]
    [InlineData("MIAS-001", false)]
    public void Patient_ids_are_letters_an_underscore_and_digits(string patient, bool accepted)
    {
        var text = TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(patient: patient));
        if (accepted)
        {
            Assert.Equal(patient, Assert.Single(ReadText(text)).PatientId);
        }
        else
        {
            Assert.Equal("patient_id", Assert.Throws<CaseDescriptionException>(() => ReadText(text)).Column);
        }
    }

    [Theory]
    [InlineData("mass_case_description_train_set.csv", 1318, 691, 637, 681, 104)]
    [InlineData("mass_case_description_test_set.csv", 378, 201, 147, 231, 37)]
    public void Reads_the_official_mass_files_with_their_published_counts(string file, int rows, int patients, int malignant, int benign, int withoutCallback)
    {
        var path = SharedData.Require(Path.Combine("cbis-ddsm", file));
        var statistics = DatasetStatistics.Compute(CaseDescriptionReader.Read(path));
        Assert.Equal(rows, statistics.Rows);
        Assert.Equal(patients, statistics.Patients);
        Assert.Equal(malignant, statistics.Malignant);
        Assert.Equal(benign, statistics.Benign);
        Assert.Equal(withoutCallback, statistics.BenignWithoutCallback);
    }
}
