using Mammo.CbisDdsm;

namespace Mammo.Synthetic;

/// <summary>What is drawn of one lesion, shared by its CC and MLO views.</summary>
internal sealed record LesionLook(
    MassShape Shape, MassMargin Margin, double Aggressiveness, int Density, int Seed);
