using System.Text;
using Mammo.CbisDdsm;
using Mammo.Tests.Support;

namespace Mammo.Tests.CbisDdsm;

/// <summary>
/// Every refusal of the case-description reader with its exact message (file, line, column, the value and what is
/// wrong), on files of one or two rows, and the edge values each check must let through. The rows of the helpers span
/// two lines (a quoted field holds a newline, as in the official files): a row's record starts on line 2, the next on 4.
/// </summary>
public sealed class CaseDescriptionReaderRefusalTests
{
    private const string CalcRow =
        "P_00005,0,RIGHT,CC,1,calcification,AMORPHOUS-PLEOMORPHIC,CLUSTERED,3,MALIGNANT,3,a/000000.dcm,\"b/000000.dcm\n\",b/000001.dcm";

    private static IReadOnlyList<CaseRecord> Read(string text) => CaseDescriptionReader.Read(new StringReader(text), "test.csv");

    private static string Refusal(string text) => Assert.Throws<CaseDescriptionException>(() => Read(text)).Message;

    /// <summary>The default mass row with one column's field replaced (no field holds a comma, so splitting is safe).</summary>
    private static string Mass(string column, string value) => With(TestFiles.MassHeader, TestFiles.MassRow(), column, value);

    private static string Calc(string column, string value) => With(TestFiles.CalcHeader, CalcRow, column, value);

    private static string With(string header, string row, string column, string value)
    {
        var fields = row.Split(',');
        var at = Array.IndexOf(header.Split(','), column);
        Assert.True(at >= 0, column);
        fields[at] = value;
        return string.Join(',', fields);
    }

    private static string MassFile(string row) => TestFiles.Csv(TestFiles.MassHeader, row);

    private static string CalcFile(string row) => TestFiles.Csv(TestFiles.CalcHeader, row);

    [Fact]
    public void A_missing_file_is_refused_with_the_reason()
    {
        var error = Assert.Throws<CaseDescriptionException>(() => CaseDescriptionReader.Read("/no/such/cases.csv"));
        Assert.Equal("/no/such/cases.csv: the file does not exist", error.Message);
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void A_null_source_name_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentNullException>(() => CaseDescriptionReader.Read(new StringReader(MassFile(TestFiles.MassRow())), null!));
        Assert.Equal("sourceName", error.ParamName);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MassFile(TestFiles.MassRow()))).ToArray();
        var record = Assert.Single(CaseDescriptionReader.Read(new MemoryStream(bytes), "bom.csv"));
        Assert.Equal("P_00001", record.PatientId);
    }

    [Fact]
    public void A_column_named_twice_in_the_header_is_refused_naming_it()
    {
        var header = TestFiles.MassHeader.Replace("subtlety", "pathology");
        Assert.Equal(
            "test.csv, line 1, column 'pathology': the column appears more than once in the header",
            Refusal(TestFiles.Csv(header, TestFiles.MassRow())));
    }

    [Fact]
    public void A_header_with_the_mass_density_but_no_descriptors_is_refused_naming_both_missing_columns()
    {
        // breast_density alone marks the mass schema: the message lists what it lacks rather than "neither schema".
        var header = TestFiles.MassHeader.Replace("mass shape,mass margins,", "");
        var row = TestFiles.MassRow().Replace("IRREGULAR-ARCHITECTURAL_DISTORTION,SPICULATED,", "");
        Assert.Equal("test.csv, line 1: the mass schema's column(s) 'mass shape', 'mass margins' are missing", Refusal(TestFiles.Csv(header, row)));
    }

    [Fact]
    public void A_repeated_case_key_with_the_same_pathology_is_refused_naming_the_first_line()
    {
        Assert.Equal(
            "test.csv, line 4: duplicate case key P_00001_LEFT_CC_1: line 2 has it already",
            Refusal(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(), TestFiles.MassRow())));
    }

    [Fact]
    public void A_repeated_case_key_with_another_pathology_names_both()
    {
        Assert.Equal(
            "test.csv, line 4: duplicate case key P_00001_LEFT_CC_1: line 2 has it already with a different pathology (MALIGNANT there, BENIGN here)",
            Refusal(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(), TestFiles.MassRow(pathology: "BENIGN"))));
    }

    [Theory]
    [InlineData("Pa_001")]
    [InlineData("PA_0a1")]
    public void A_patient_id_with_a_lower_case_letter_or_digit_is_refused(string patient)
    {
        Assert.Equal(
            $"test.csv, line 2, column 'patient_id': '{patient}' is not a patient id such as P_00001 (CBIS-DDSM) or MIAS_001 (imported MIAS)",
            Refusal(MassFile(TestFiles.MassRow(patient: patient))));
    }

    [Fact]
    public void Rows_with_too_few_or_too_many_fields_are_refused_with_both_counts()
    {
        Assert.Equal(
            "test.csv, line 4: the row has 7 fields, the header 14 (truncated or extra fields?)",
            Refusal(TestFiles.Csv(TestFiles.MassHeader, TestFiles.MassRow(), "P_00002,3,LEFT,CC,1,mass,OVAL")));
        Assert.Equal(
            "test.csv, line 2: the row has 15 fields, the header 14 (truncated or extra fields?)",
            Refusal(MassFile(TestFiles.MassRow() + ",extra")));
    }

    [Fact]
    public void A_calcification_row_in_a_mass_file_is_refused()
    {
        Assert.Equal(
            "test.csv, line 2, column 'abnormality type': 'calcification' in a mass file",
            Refusal(MassFile(Mass("abnormality type", "calcification"))));
    }

    [Theory]
    [InlineData("abnormality id", "1.5")]
    [InlineData("assessment", "-1")]
    [InlineData("subtlety", "three")]
    public void A_number_that_is_not_a_whole_unsigned_number_is_refused(string column, string value)
    {
        Assert.Equal($"test.csv, line 2, column '{column}': '{value}' is not a whole number", Refusal(MassFile(Mass(column, value))));
    }

    [Theory]
    [InlineData("assessment", "6", "0-5")]
    [InlineData("abnormality id", "0", "1-99")]
    [InlineData("breast_density", "5", "0-4")]
    public void A_number_out_of_range_is_refused_with_the_range(string column, string value, string range)
    {
        Assert.Equal($"test.csv, line 2, column '{column}': {value} is outside {range}", Refusal(MassFile(Mass(column, value))));
    }

    [Fact]
    public void A_value_outside_a_closed_vocabulary_is_refused_listing_the_vocabulary()
    {
        Assert.Equal(
            "test.csv, line 2, column 'pathology': 'MAYBE' is not one of BENIGN, BENIGN_WITHOUT_CALLBACK, MALIGNANT",
            Refusal(MassFile(Mass("pathology", "MAYBE"))));
    }

    [Theory]
    [InlineData(40, "")]
    [InlineData(41, "...")]
    public void Long_values_are_shown_up_to_forty_characters(int length, string ellipsis)
    {
        var value = new string('X', length);
        Assert.Equal(
            $"test.csv, line 2, column 'pathology': '{new string('X', 40)}{ellipsis}' is not one of BENIGN, BENIGN_WITHOUT_CALLBACK, MALIGNANT",
            Refusal(MassFile(Mass("pathology", value))));
    }

    [Fact]
    public void An_unknown_term_in_a_mass_combination_is_refused_naming_the_term_and_the_combination()
    {
        Assert.Equal(
            "test.csv, line 2, column 'mass margins': 'FUZZY' (in 'SPICULATED-FUZZY') is not one of CIRCUMSCRIBED, OBSCURED, MICROLOBULATED, ILL_DEFINED, SPICULATED",
            Refusal(MassFile(Mass("mass margins", "SPICULATED-FUZZY"))));
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("")]
    public void An_empty_or_not_available_mass_combination_is_no_terms(string value)
    {
        var record = Assert.Single(Read(MassFile(With(TestFiles.MassHeader, Mass("mass shape", value), "mass margins", value))));
        Assert.Empty(record.MassShapes);
        Assert.Empty(record.MassMargins);
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("")]
    public void An_empty_or_not_available_calcification_combination_is_no_terms(string value)
    {
        var record = Assert.Single(Read(CalcFile(With(TestFiles.CalcHeader, Calc("calc type", value), "calc distribution", value))));
        Assert.Empty(record.CalcTypes);
        Assert.Empty(record.CalcDistributions);
    }

    [Fact]
    public void Calcification_terms_may_join_words_with_underscores()
    {
        var record = Assert.Single(Read(CalcFile(Calc("calc type", "FINE_LINEAR_BRANCHING-PUNCTATE"))));
        Assert.Equal(["FINE_LINEAR_BRANCHING", "PUNCTATE"], record.CalcTypes);
    }

    [Theory]
    [InlineData("calc type", "AMORPHOUS--PLEOMORPHIC")]
    [InlineData("calc type", "AMORPHOUS-")]
    [InlineData("calc distribution", "Clustered")]
    [InlineData("calc distribution", "CLUSTERED 2")]
    public void A_calcification_combination_of_other_than_upper_case_terms_is_refused(string column, string value)
    {
        Assert.Equal(
            $"test.csv, line 2, column '{column}': '{value}' is not a hyphen-joined list of upper-case terms",
            Refusal(CalcFile(Calc(column, value))));
    }

    [Theory]
    [InlineData("a\"b")]
    [InlineData("\"a\"b")]
    public void A_stray_quote_is_refused_at_the_line_where_the_record_starts(string field)
    {
        // The bad field is on the record's first line, the record ends on its second: the message names the first.
        Assert.Equal(
            $"test.csv, line 2: malformed CSV (a stray quote in field '{field}')",
            Refusal(MassFile(Mass("image file path", field))));
    }

    [Fact]
    public void A_stray_quote_in_a_later_record_names_that_records_first_line()
    {
        var error = Assert.Throws<CaseDescriptionException>(() => Read(TestFiles.Csv(
            TestFiles.MassHeader, TestFiles.MassRow(), TestFiles.MassRow(patient: "P_00002").Replace("P_00002,3,", "P_00002,\"3\"x,"))));
        Assert.Equal("test.csv, line 4: malformed CSV (a stray quote in field '\"3\"x')", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Null(error.Column);
    }
}
