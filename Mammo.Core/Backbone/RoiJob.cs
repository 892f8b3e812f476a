using Mammo.Preprocessing;
using Mammo.Rois;

namespace Mammo.Backbone;

/// <summary>One ROI file to featurise, under one dihedral transform (0 = as is).</summary>
internal readonly record struct RoiJob(string Path, int Dihedral = 0);
