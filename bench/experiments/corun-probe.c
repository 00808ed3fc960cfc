// Do the two vCPUs share a core? Two threads run ~1-10 us blocks of work and class each block's wall time by whether
// the other thread finished a block meanwhile (co-running) or not; a co-run/alone ratio near 1 means no sharing.
// mode 0: FMA chains in registers (a shared physical core, SMT, would slow them); 1: random 64-byte reads over a
// private buffer of KB kilobytes (L2 at 1024, L3 at 16384); 2: read-modify-writes of one buffer both threads share.
//   build: gcc -O2 -mavx512f -mfma -pthread bench/experiments/corun-probe.c -o corun-probe
//   run:   ./corun-probe MODE KB SECONDS   (e.g. 0 0 4; 1 1024 4; 1 16384 4; 2 1024 4)
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <time.h>
static volatile long beats[2 * 16];
static int mode, kb; static long seconds;
static float *shared;
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
typedef struct { int id; double sum[2]; long n[2]; } arg_t;
static void *run(void *p){
  arg_t *a=p; int id=a->id;
  size_t floats=(size_t)kb*256; float *buf = mode==2? shared : aligned_alloc(64, floats*4);
  if(mode!=2) for(size_t i=0;i<floats;i++) buf[i]=1.0f;
  __m512 x0=_mm512_set1_ps(1.0001f),x1=x0,x2=x0,x3=x0,x4=x0,x5=x0,x6=x0,x7=x0,m=_mm512_set1_ps(0.99999f),c=_mm512_set1_ps(0.00001f);
  uint64_t r=88172645463325252ull+id; double end=now()+seconds; float acc=0;
  while(now()<end){
    long o0=beats[(id^1)*16]; double t0=now();
    if(mode==0){ for(int i=0;i<2000;i++){ x0=_mm512_fmadd_ps(x0,m,c);x1=_mm512_fmadd_ps(x1,m,c);x2=_mm512_fmadd_ps(x2,m,c);x3=_mm512_fmadd_ps(x3,m,c);x4=_mm512_fmadd_ps(x4,m,c);x5=_mm512_fmadd_ps(x5,m,c);x6=_mm512_fmadd_ps(x6,m,c);x7=_mm512_fmadd_ps(x7,m,c);} }
    else { size_t lines=floats/16; for(int i=0;i<200;i++){ r^=r<<13;r^=r>>7;r^=r<<17; float *q=buf+(r%lines)*16; __m512 v=_mm512_load_ps(q); if(mode==2){ _mm512_store_ps(q,_mm512_add_ps(v,c)); } else acc+=v[0]; } }
    double t1=now(); long o1=beats[(id^1)*16]; beats[id*16]++;
    double us=(t1-t0)*1e6; if(us>200) continue;
    int k=o1!=o0?0:1; a->sum[k]+=us; a->n[k]++;
  }
  beats[id*16]=-1000000-id;
  x0=_mm512_add_ps(_mm512_add_ps(_mm512_add_ps(x0,x1),_mm512_add_ps(x2,x3)),_mm512_add_ps(_mm512_add_ps(x4,x5),_mm512_add_ps(x6,x7)));
  if(x0[0]==12345.f||acc==1.5f) puts("");
  return 0;
}
int main(int argc,char**argv){ mode=atoi(argv[1]); kb=atoi(argv[2]); seconds=atol(argv[3]); int threads=argc>4?atoi(argv[4]):2;
  shared=aligned_alloc(64,(size_t)kb*1024); for(size_t i=0;i<(size_t)kb*256;i++) shared[i]=1;
  pthread_t t[2]; arg_t a[2]={{0},{1}}; a[1].id=1;
  for(int i=0;i<threads;i++) pthread_create(&t[i],0,run,&a[i]);
  for(int i=0;i<threads;i++) pthread_join(t[i],0);
  for(int i=0;i<threads;i++) printf("mode %d kb %d w%d: corun %.3f us/block (%ld), alone %.3f (%ld) ratio %.3f\n",mode,kb,i,a[i].sum[0]/(a[i].n[0]?a[i].n[0]:1),a[i].n[0],a[i].sum[1]/(a[i].n[1]?a[i].n[1]:1),a[i].n[1], (a[i].sum[0]/a[i].n[0])/(a[i].sum[1]/a[i].n[1]));
}
