/*
 * slurm.h -- `amor slurm`: a script's sweep as a Slurm job array, one
 * shard per task (amor run --shard), and a job that merges the shards when
 * the array has ended (amor merge).
 */
#ifndef AMOR_SLURM_H
#define AMOR_SLURM_H

extern const char slurm_usage[];

/* argv[0] is "slurm"; the exit status (2 for a usage error). */
int slurm_main(int argc, char **argv);

#endif
