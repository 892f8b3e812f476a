using BitMiracle.LibJpeg.Classic;

namespace Mammo.Import.CbisDdsm;

/// <summary>
/// libjpeg's error manager made strict: a warning (corrupt entropy data, a premature end of file) is an error, where
/// libjpeg would go on and fill the rest of the image with grey; a damaged JPEG must not become a plausible mask.
/// </summary>
internal sealed class JpegStrictErrors : jpeg_error_mgr
{
    public override void emit_message(int msg_level)
    {
        if (msg_level < 0)
        {
            throw new InvalidDataException(format_message());
        }
    }

    public override void output_message()
    {
        // libjpeg would print to the console; errors reach the caller as exceptions instead.
    }
}
