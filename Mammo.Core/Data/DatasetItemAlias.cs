// RoiDataView (another branch is reworking it) still names a dataset row DatasetItem; the alias keeps it compiling
// unchanged until that branch is merged, after which the alias can go.
global using DatasetItem = Mammo.Data.MassCase;
