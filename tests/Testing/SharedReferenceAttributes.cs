using Xunit;

namespace Bankflow.Testing;

/// <summary>
/// A fact that reads samples from ../shared/reference; skipped, with the reason shown, when that folder
/// is absent. xunit 2 has no dynamic skip, so the decision is made when the attribute is created.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedReferenceFactAttribute : FactAttribute
{
    public SharedReferenceFactAttribute()
    {
        if (RepositoryPaths.SharedReference is null)
        {
            Skip = RepositoryPaths.SharedReferenceMissing;
        }
    }
}

/// <summary>The theory counterpart of <see cref="SharedReferenceFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedReferenceTheoryAttribute : TheoryAttribute
{
    public SharedReferenceTheoryAttribute()
    {
        if (RepositoryPaths.SharedReference is null)
        {
            Skip = RepositoryPaths.SharedReferenceMissing;
        }
    }
}
