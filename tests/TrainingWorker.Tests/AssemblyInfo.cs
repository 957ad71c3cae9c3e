// torch's random generator and the process's resident memory are shared by every test: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
