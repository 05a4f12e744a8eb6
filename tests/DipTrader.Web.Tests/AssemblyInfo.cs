// One web app alive at a time. OpenTelemetry's meter providers listen to meters by name across the whole process,
// so with two apps alive, one app's /metrics can end up with the other's instruments (the second registration of an
// instrument name is dropped as a duplicate). Production runs one app per process; the tests do the same.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
