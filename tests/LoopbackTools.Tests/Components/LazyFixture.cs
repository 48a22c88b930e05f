namespace LoopbackTools.Tests.Components;

/// <summary>
/// A fixture whose real component starts on first use, so a test skipped for a missing component
/// never pays for it, and which is stopped when the test class or collection ends.
/// </summary>
public abstract class LazyFixture<T> : IDisposable
    where T : IDisposable
{
    private readonly Lazy<T> _component;

    protected LazyFixture(Func<T> start)
    {
        _component = new Lazy<T>(start);
    }

    protected T Component => _component.Value;

    public void Dispose()
    {
        if (_component.IsValueCreated)
        {
            _component.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
