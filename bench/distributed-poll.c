/* How long one MPI allreduce of a sync's size takes between 2 ranks, and how much CPU it costs, by how it is waited
 * for: blocking (mode 0), nonblocking polled with MPI_Test, 16 yields then sleeps of SLEEP_US µs (mode 1: what
 * MpiCommunicator does), nonblocking polled with yields only (mode 2). Not part of the build:
 *   mpicc -O2 -o /tmp/distributed-poll bench/distributed-poll.c
 *   mpirun -np 2 --oversubscribe --bind-to none --mca btl self,tcp --mca btl_tcp_if_include lo \
 *       /tmp/distributed-poll FLOATS MODE REPEATS [SLEEP_US]
 * e.g. FLOATS 475000 (1.9 MB, a sync's rows at the default), MODE 1, REPEATS 20, SLEEP_US 1000 / 200 / 100. */
#include <mpi.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int provided, rank;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
  if (argc < 4) {
    fprintf(stderr, "usage: %s FLOATS MODE REPEATS [SLEEP_US]\n", argv[0]);
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  int n = atoi(argv[1]), mode = atoi(argv[2]), repeats = atoi(argv[3]);
  long sleep_us = argc > 4 ? atol(argv[4]) : 1000;
  float *send = malloc(sizeof(float) * n), *receive = malloc(sizeof(float) * n);
  for (int i = 0; i < n; i++) send[i] = (float)i;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Barrier(MPI_COMM_WORLD);
  double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
  long polls = 0;
  for (int k = 0; k < repeats; k++) {
    if (mode == 0) {
      MPI_Allreduce(send, receive, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
      continue;
    }
    MPI_Request request;
    MPI_Iallreduce(send, receive, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD, &request);
    for (int done = 0, quick = 0;;) {
      MPI_Test(&request, &done, MPI_STATUS_IGNORE);
      polls++;
      if (done) break;
      if (mode == 2 || quick++ < 16) {
        sched_yield();
      } else {
        struct timespec pause = {0, sleep_us * 1000};
        nanosleep(&pause, NULL);
      }
    }
  }
  wall = seconds(CLOCK_MONOTONIC) - wall;
  cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
  if (rank == 0)
    printf("floats %d mode %d sleep %ld us: %.2f ms per allreduce, %.2f ms CPU (rank 0), %.1f polls\n", n, mode,
           sleep_us, wall / repeats * 1e3, cpu / repeats * 1e3, (double)polls / repeats);
  MPI_Finalize();
  return 0;
}
