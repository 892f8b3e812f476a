#!/usr/bin/python3
"""Writes the DICOM fixtures of Mammo.Core.Tests with independent implementations: pydicom 2.3 (Debian
python3-pydicom) and DCMTK 3.6 (Debian dcmtk: dcmcjpeg, dcmconv). Run from this folder:
    /usr/bin/python3 make_fixtures.py
expected.json holds, per file, what pydicom decodes (stored pixel values, sizes, identifiers), so the tests compare
Mammo's reader with pydicom's. Tiny synthetic images (32 x 24); nothing from a real patient."""
import json
import subprocess

import numpy as np
import pydicom
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_sequence_item
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, SecondaryCaptureImageStorage

ROWS, COLUMNS = 24, 32


def image(bits_stored, signed):
    y, x = np.mgrid[0:ROWS, 0:COLUMNS]
    ramp = (x * 7 + y * 13 + (x * y) % 11) / (COLUMNS * 7 + ROWS * 13 + 10)
    top = (1 << bits_stored) - 1
    values = np.round(ramp * top).astype(np.int64)
    if signed:
        values -= 1 << (bits_stored - 1)
    return values


def dataset(name, syntax, bits_allocated, bits_stored, signed, photometric="MONOCHROME2", slope=None, intercept=None):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = f"1.2.826.0.1.3680043.10.1137.{abs(hash(name)) % 100000}"
    meta.TransferSyntaxUID = syntax
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = "1.3.6.1.4.1.9590.100.1.2.1"
    ds.SeriesInstanceUID = "1.3.6.1.4.1.9590.100.1.2.2"
    ds.PatientID = "Mass-Training_P_00001_LEFT_CC"
    ds.SeriesDescription = "full mammogram images"
    ds.Modality = "MG"
    ds.Rows, ds.Columns = ROWS, COLUMNS
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.BitsAllocated = bits_allocated
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if slope is not None:
        ds.RescaleSlope = slope
        ds.RescaleIntercept = intercept
    values = image(bits_stored, signed)
    dtype = {(8, False): np.uint8, (16, False): np.uint16, (16, True): np.int16}[(bits_allocated, signed)]
    ds.PixelData = values.astype(dtype).tobytes()
    return ds


def undefined_length_sequences(ds):
    """An undefined-length SQ with undefined-length items and a nested SQ, and a private UN of undefined length."""
    inner = Dataset()
    inner.CodeValue = "T-04000"
    inner.CodingSchemeDesignator = "SRT"
    inner.CodeMeaning = "Breast"
    inner.is_undefined_length_sequence_item = True
    outer = Dataset()
    outer.CodeValue = "R-10226"
    outer.CodingSchemeDesignator = "SRT"
    outer.CodeMeaning = "medio-lateral oblique"
    outer.ViewModifierCodeSequence = Sequence([inner])
    outer["ViewModifierCodeSequence"].is_undefined_length = True
    outer.is_undefined_length_sequence_item = True
    second = Dataset()
    second.CodeValue = "X"
    ds.ViewCodeSequence = Sequence([outer, second])
    ds["ViewCodeSequence"].is_undefined_length = True
    # A private sequence as dcm4che writes unknown private tags in Explicit VR: UN of undefined length holding items
    # in Implicit VR Little Endian.
    ds.add_new(0x00190010, "LO", "MAMMO PRIVATE")
    buffer = DicomBytesIO()
    buffer.is_little_endian = True
    buffer.is_implicit_VR = True
    private_item = Dataset()
    private_item.add_new(0x00191001, "LO", "private text")
    private_item.add_new(0x00191002, "SQ", Sequence([Dataset()]))
    private_item[0x00191002].is_undefined_length = True
    private_item.is_undefined_length_sequence_item = True
    write_sequence_item(buffer, private_item, ["iso8859"])
    element = DataElement(0x00191010, "UN", buffer.getvalue())
    element.is_undefined_length = True
    ds.add(element)
    return ds


def main():
    files = {
        "explicit_le_u16.dcm": dataset("a", ExplicitVRLittleEndian, 16, 12, False),
        "implicit_le_u16.dcm": dataset("b", ImplicitVRLittleEndian, 16, 12, False),
        "monochrome1_u16.dcm": dataset("c", ExplicitVRLittleEndian, 16, 12, False, photometric="MONOCHROME1"),
        "signed_s16_rescale.dcm": dataset("d", ExplicitVRLittleEndian, 16, 16, True, slope="0.5", intercept="-100"),
        "explicit_le_u8.dcm": dataset("e", ExplicitVRLittleEndian, 8, 8, False),
        "sequence_explicit.dcm": undefined_length_sequences(dataset("f", ExplicitVRLittleEndian, 16, 12, False)),
        "sequence_implicit.dcm": dataset("g", ImplicitVRLittleEndian, 16, 12, False),
    }
    implicit = files["sequence_implicit.dcm"]
    item = Dataset()
    item.CodeValue = "R-10242"
    item.is_undefined_length_sequence_item = True
    implicit.ViewCodeSequence = Sequence([item])
    implicit["ViewCodeSequence"].is_undefined_length = True

    expected = {}
    for name, ds in files.items():
        ds.save_as(name, write_like_original=False)
    # Refused syntaxes, written by DCMTK from the 8-bit file.
    subprocess.run(["dcmcjpeg", "+eb", "explicit_le_u8.dcm", "jpeg_baseline.dcm"], check=True)
    subprocess.run(["dcmconv", "+tb", "explicit_le_u8.dcm", "big_endian.dcm"], check=True)
    subprocess.run(["dcmconv", "+td", "explicit_le_u8.dcm", "deflated.dcm"], check=True)

    for name in sorted(files) + ["jpeg_baseline.dcm", "big_endian.dcm", "deflated.dcm"]:
        ds = pydicom.dcmread(name)
        entry = {"transferSyntax": str(ds.file_meta.TransferSyntaxUID)}
        if name in files:
            entry.update({
                "rows": int(ds.Rows),
                "columns": int(ds.Columns),
                "bitsAllocated": int(ds.BitsAllocated),
                "bitsStored": int(ds.BitsStored),
                "signed": int(ds.PixelRepresentation) == 1,
                "photometric": str(ds.PhotometricInterpretation),
                "slope": float(ds.get("RescaleSlope", 1)),
                "intercept": float(ds.get("RescaleIntercept", 0)),
                "patientId": str(ds.PatientID),
                "seriesDescription": str(ds.SeriesDescription),
                "sopInstanceUid": str(ds.SOPInstanceUID),
                "seriesInstanceUid": str(ds.SeriesInstanceUID),
                "studyInstanceUid": str(ds.StudyInstanceUID),
                "stored": [int(v) for v in ds.pixel_array.ravel()],
            })
        expected[name] = entry
    with open("expected.json", "w") as out:
        json.dump(expected, out, indent=1)
        out.write("\n")


main()
