namespace Mammo;

/// <summary>How far a long step of Mammo has come, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Stage">What is running: <c>featurize</c>, <c>train</c>, <c>evaluate</c>, <c>fold 2/5</c>...</param>
/// <param name="Done">Items finished so far.</param>
/// <param name="Total">Items in the step.</param>
public sealed record MassProgress(string Stage, int Done, int Total);
