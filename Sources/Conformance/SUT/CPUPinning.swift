import CSystemShims

/// Keeps one job's thread, and the session processes it starts, on one CPU.
///
/// A job talks to its SUT in lockstep: it writes a line and waits for the answer, so it and its
/// session processes take turns and never need two CPUs at once. On different CPUs every
/// command and every answer wakes a thread on the other CPU (an inter-processor interrupt,
/// which a virtual machine pays dearly for); here that was a third of a step's time, in the
/// kernel's pipe and scheduler paths. With each job on a CPU of its own, `harness explore`
/// ran 13 % (two jobs on two CPUs, an interleaved A/B) to 19 % (one job, pinned by hand) more
/// steps a second.
/// `Explorer` pins only when its jobs are as many as the CPUs: two one-job runs pinned to one
/// CPU ran at half speed each. Nothing is pinned when there are fewer CPUs than jobs, or off
/// Linux.
/// Spec: issue #5 ("steps/s"); measured with `harness explore` and benchmarks/compare.py.
package enum CPUPinning {
  /// Runs `body` with the calling thread pinned to the `job`-th CPU the process may use, when
  /// `enabled` and there are at least `jobs` CPUs (otherwise unpinned); processes `body`
  /// starts inherit the pinning. The thread gets its former CPUs back afterwards (a pool
  /// thread may run other work next).
  package static func withPinnedThread<Result>(
    job: Int, of jobs: Int, enabled: Bool = true, _ body: () throws -> Result
  ) rethrows -> Result {
    let handle =
      enabled ? urc_pin_thread_to_job_cpu(Int32(clamping: job), Int32(clamping: jobs)) : 0
    defer { urc_restore_thread_affinity(handle) }
    return try body()
  }

  /// How many CPUs the calling thread may run on (0 when unknown, or off Linux).
  package static var currentThreadCPUCount: Int { Int(urc_thread_cpu_count()) }

  /// The lowest-numbered CPU the calling thread may run on (nil when unknown, or off Linux).
  package static var currentThreadFirstCPU: Int? {
    let cpu = Int(urc_thread_first_cpu())
    return cpu < 0 ? nil : cpu
  }
}
