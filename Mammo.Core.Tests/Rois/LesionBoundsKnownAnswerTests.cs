using Mammo.Rois;

namespace Mammo.Tests.Rois;

/// <summary>
/// Small drawn masks with known boxes or known refusals, at the boundaries of each rule (8-connectivity, the levels,
/// the shares, the region limit), each through every path: float, float interleaved, and for 8-bit values the byte
/// path contiguous and interleaved.
/// </summary>
public sealed class LesionBoundsKnownAnswerTests
{
    private const int Side = 20; // 400 pixels: 5% is 20 pixels, half is 200
    private const string Source = "m.h5";
    private const string Channel = "channel 1";

    private static string Box(int left, int top, int right, int bottom) => new LesionBounds(left, top, right, bottom).ToString();

    private static string Refused(string reason) =>
        $"refused: {Source}: {Channel} is not a lesion mask: {reason}. If the file holds no mask there, set the mask channel to none (MaskChannel = null, --ignore-masks)";

    private static string Outcome(Func<LesionBounds?> find)
    {
        try
        {
            return find()?.ToString() ?? "none";
        }
        catch (RoiFormatException e)
        {
            return "refused: " + e.Message;
        }
    }

    /// <summary>A Side x Side plane drawn by rows: '#' is 255, '.' is 0; missing rows and columns are 0.</summary>
    private static float[] Drawn(params string[] rows)
    {
        var plane = new float[Side * Side];
        for (var y = 0; y < rows.Length; y++)
        {
            for (var x = 0; x < rows[y].Length; x++)
            {
                plane[(y * Side) + x] = rows[y][x] == '#' ? 255 : 0;
            }
        }

        return plane;
    }

    private static float[] Filled(float background, params (int Left, int Top, int Right, int Bottom, float Value)[] boxes)
    {
        var plane = Enumerable.Repeat(background, Side * Side).ToArray();
        foreach (var (left, top, right, bottom, value) in boxes)
        {
            for (var y = top; y <= bottom; y++)
            {
                for (var x = left; x <= right; x++)
                {
                    plane[(y * Side) + x] = value;
                }
            }
        }

        return plane;
    }

    private static void EveryPathGives(string expected, float[] plane, int width = Side)
    {
        Assert.Equal(expected, Outcome(() => LesionBounds.Find<float>(plane, width, 1, 0, Source, Channel)));
        var interleaved = new float[plane.Length * 3];
        for (var i = 0; i < plane.Length; i++)
        {
            interleaved[3 * i] = i % 7;
            interleaved[(3 * i) + 2] = plane[i];
        }

        Assert.Equal(expected, Outcome(() => LesionBounds.Find<float>(interleaved, width, 3, 2, Source, Channel)));
        if (plane.All(v => v is >= 0 and <= 255 && v == MathF.Round(v)))
        {
            var bytes = plane.Select(v => (byte)v).ToArray();
            Assert.Equal(expected, Outcome(() => LesionBounds.Find<byte>(bytes, width, 1, 0, Source, Channel)));
            var pairs = bytes.SelectMany((v, i) => new[] { (byte)(i % 5), v }).ToArray();
            Assert.Equal(expected, Outcome(() => LesionBounds.Find<byte>(pairs, width, 2, 1, Source, Channel)));
        }
    }

    [Fact]
    public void An_empty_channel_has_no_lesion()
    {
        Assert.Null(LesionBounds.Find<byte>([], Side, 1, 0));
        Assert.Null(LesionBounds.Find<float>([], Side, 1, 0));
        Assert.Null(LesionBounds.Find<byte>([], Side, 2, 1));
        EveryPathGives("none", new float[Side * Side]);
    }

    [Fact]
    public void A_lesion_in_the_first_column_has_its_left_and_right_edge_there() =>
        EveryPathGives(Box(0, 3, 0, 6), Filled(0, (0, 3, 0, 6, 255)));

    [Fact]
    public void A_lesion_that_reaches_the_last_column_ends_there() =>
        EveryPathGives(Box(17, 2, 19, 4), Filled(0, (17, 2, 19, 4, 255)));

    [Fact]
    public void Two_rows_of_two_pixels_are_one_region() => EveryPathGives(Box(9, 9, 10, 10), Filled(0, (9, 9, 10, 10, 255)));

    [Fact]
    public void Blocks_touching_at_a_corner_down_to_the_right_are_one_region() =>
        EveryPathGives(Box(2, 2, 7, 7), Filled(0, (2, 2, 4, 4, 255), (5, 5, 7, 7, 255)));

    [Fact]
    public void Blocks_touching_at_a_corner_down_to_the_left_are_one_region() =>
        EveryPathGives(Box(2, 2, 7, 7), Filled(0, (5, 2, 7, 4, 255), (2, 5, 4, 7, 255)));

    [Fact]
    public void Blocks_one_pixel_apart_are_two_regions_and_refused_with_the_main_ones_share() =>
        EveryPathGives(
            Refused("its largest connected region holds only 50% of the lesion pixels; a lesion mask has one main region"),
            Filled(0, (2, 2, 4, 4, 255), (6, 5, 8, 7, 255)));

    [Fact]
    public void Two_bars_joined_below_are_one_region_with_the_area_of_both() =>
        EveryPathGives(Box(2, 2, 6, 12), Filled(0, (2, 2, 2, 11, 255), (6, 2, 6, 11, 255), (2, 12, 6, 12, 255)));

    [Fact]
    public void A_ladder_whose_rungs_join_runs_of_one_region_again_is_one_region() =>
        EveryPathGives(
            Box(2, 2, 6, 7),
            Drawn(
                "",
                "",
                "..#...#",
                "..#####",
                "..#...#",
                "..#####",
                "..#...#",
                "..#####"));

    [Fact]
    public void A_main_region_of_exactly_three_quarters_is_enough()
    {
        // A run of 3 and a speck: 3 of 4 lesion pixels.
        EveryPathGives(Box(3, 5, 12, 12), Filled(0, (3, 5, 5, 5, 255), (12, 12, 12, 12, 255)));
        EveryPathGives(
            Refused("its largest connected region holds only 67% of the lesion pixels; a lesion mask has one main region"),
            Filled(0, (3, 5, 4, 5, 255), (12, 12, 12, 12, 255)));
    }

    [Fact]
    public void A_lesion_of_exactly_half_the_roi_is_accepted_one_pixel_more_is_refused()
    {
        EveryPathGives(Box(0, 0, 19, 9), Filled(0, (0, 0, 19, 9, 255)));
        EveryPathGives(
            Refused("its lesion covers 50% of the ROI; a lesion mask marks a minority of its crop"),
            Filled(0, (0, 0, 19, 9, 255), (0, 10, 0, 10, 255)));
        EveryPathGives(
            Refused("its lesion covers 60% of the ROI; a lesion mask marks a minority of its crop"),
            Filled(0, (0, 0, 19, 11, 255)));
    }

    [Fact]
    public void Five_percent_of_pixels_between_the_levels_are_accepted_one_more_is_refused()
    {
        // The lesion is a 5 x 5 block; the in-between pixels (100 of 255) lie in row 15 and below.
        EveryPathGives(Box(2, 2, 6, 6), Filled(0, (2, 2, 6, 6, 255), (0, 15, 19, 15, 100)));
        var refusal = Refused("5% of its pixels lie between its two levels; a mask is essentially two-valued (grey image stored as colour, or crop and mask swapped?)");
        EveryPathGives(refusal, Filled(0, (2, 2, 6, 6, 255), (0, 15, 19, 15, 100), (0, 16, 0, 16, 100)));
        EveryPathGives(
            Refused("8% of its pixels lie between its two levels; a mask is essentially two-valued (grey image stored as colour, or crop and mask swapped?)"),
            Filled(0, (2, 2, 6, 6, 255), (0, 15, 19, 15, 100), (0, 16, 9, 16, 100)));
    }

    [Fact]
    public void The_low_level_is_a_tenth_of_the_maximum()
    {
        // 30 pixels (7.5%) at 25 are below 25.5 (a tenth of 255): background, not in between; at 26 they are.
        EveryPathGives(Box(2, 2, 6, 6), Filled(0, (2, 2, 6, 6, 255), (0, 15, 19, 15, 25), (0, 16, 9, 16, 25)));
        EveryPathGives(
            Refused("8% of its pixels lie between its two levels; a mask is essentially two-valued (grey image stored as colour, or crop and mask swapped?)"),
            Filled(0, (2, 2, 6, 6, 255), (0, 15, 19, 15, 26), (0, 16, 9, 16, 26)));
    }

    [Fact]
    public void The_high_level_is_nine_tenths_of_the_maximum()
    {
        // With a maximum of 10, 30 pixels (7.5%) at 9 are lesion and not in between.
        EveryPathGives(Box(2, 2, 11, 5), Filled(0, (2, 2, 11, 4, 9), (2, 5, 11, 5, 10)));
    }

    [Fact]
    public void A_pixel_at_exactly_half_the_maximum_is_outside_the_lesion() =>
        EveryPathGives(Box(2, 2, 4, 4), Filled(0, (2, 2, 4, 4, 2), (5, 3, 5, 3, 1)));

    [Fact]
    public void A_negative_background_down_to_a_tenth_of_the_maximum_is_tolerated()
    {
        EveryPathGives(Box(2, 2, 6, 6), Filled(-1, (2, 2, 6, 6, 10)));
        EveryPathGives(
            Refused($"its values run from {-1.01f} to {10f}; a mask is 0 outside the lesion and positive inside"),
            Filled(-1.01f, (2, 2, 6, 6, 10)));
    }

    [Theory]
    [InlineData(4096, "its largest connected region holds only 0% of the lesion pixels; a lesion mask has one main region")]
    [InlineData(4097, "its lesion pixels fall into more than 4096 separate regions")]
    public void At_most_4096_regions_are_labelled(int dots, string reason)
    {
        // Isolated dots two pixels apart on a 130 x 130 plane (65 x 65 places), the first `dots` of them in row order.
        const int side = 130;
        var plane = new float[side * side];
        for (var k = 0; k < dots; k++)
        {
            plane[((2 * (k / 65)) * side) + (2 * (k % 65))] = 1;
        }

        Assert.Equal(Refused(reason), Outcome(() => LesionBounds.Find<float>(plane, side, 1, 0, Source, Channel)));
    }
}
