#define _GNU_SOURCE
#include "CSystemShims.h"

#include <stdlib.h>

#ifdef __linux__
#include <sched.h>

unsigned long urc_pin_thread_to_job_cpu(int job, int jobs) {
  if (job < 0 || jobs < 1) return 0;
  cpu_set_t *original = malloc(sizeof(cpu_set_t));
  if (original == NULL) return 0;
  if (sched_getaffinity(0, sizeof(cpu_set_t), original) != 0) {
    free(original);
    return 0;
  }
  int allowed = CPU_COUNT(original);
  if (allowed < jobs) {
    free(original);
    return 0;
  }
  int wanted = job % allowed;
  for (int cpu = 0, seen = 0; cpu < CPU_SETSIZE; cpu++) {
    if (!CPU_ISSET(cpu, original)) continue;
    if (seen++ != wanted) continue;
    cpu_set_t pinned;
    CPU_ZERO(&pinned);
    CPU_SET(cpu, &pinned);
    if (sched_setaffinity(0, sizeof(cpu_set_t), &pinned) != 0) break;
    return (unsigned long)original;
  }
  free(original);
  return 0;
}

void urc_restore_thread_affinity(unsigned long handle) {
  if (handle == 0) return;
  cpu_set_t *original = (cpu_set_t *)handle;
  (void)sched_setaffinity(0, sizeof(cpu_set_t), original);
  free(original);
}

int urc_thread_cpu_count(void) {
  cpu_set_t current;
  if (sched_getaffinity(0, sizeof(cpu_set_t), &current) != 0) return 0;
  return CPU_COUNT(&current);
}

int urc_thread_first_cpu(void) {
  cpu_set_t current;
  if (sched_getaffinity(0, sizeof(cpu_set_t), &current) != 0) return -1;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
    if (CPU_ISSET(cpu, &current)) return cpu;
  }
  return -1;
}

#else

int urc_thread_cpu_count(void) { return 0; }

int urc_thread_first_cpu(void) { return -1; }

unsigned long urc_pin_thread_to_job_cpu(int job, int jobs) {
  (void)job;
  (void)jobs;
  return 0;
}

void urc_restore_thread_affinity(unsigned long handle) { (void)handle; }

#endif
