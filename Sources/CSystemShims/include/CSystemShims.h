#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H

/// System calls that Swift's Glibc module does not show (glibc declares them only under
/// _GNU_SOURCE). See Sources/Conformance/SUT/CPUPinning.swift.

/// Pins the calling thread to the `job`-th CPU (modulo their number) of those it may run on,
/// when there are at least `jobs` of them. Returns an opaque handle for
/// `urc_restore_thread_affinity`, or 0 when nothing was pinned (fewer CPUs than jobs, an error,
/// or not Linux). Threads and processes the thread starts afterwards inherit the pinning.
unsigned long urc_pin_thread_to_job_cpu(int job, int jobs);

/// Gives the calling thread back the CPUs it had before `urc_pin_thread_to_job_cpu`, and frees
/// the handle; 0 does nothing.
void urc_restore_thread_affinity(unsigned long handle);

/// How many CPUs the calling thread may run on (0 when unknown or not Linux).
int urc_thread_cpu_count(void);

/// The lowest-numbered CPU the calling thread may run on (-1 when unknown or not Linux).
int urc_thread_first_cpu(void);

#endif
