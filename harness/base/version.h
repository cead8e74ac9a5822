/*
 * version.h -- amor's own version (the plugin ABI's is in amor.h): `amor
 * --version`, the Lua `amor.version`, the text a cell's key is hashed from,
 * and the pkg-config file `make install` writes.
 */
#ifndef AMOR_VERSION_H
#define AMOR_VERSION_H

#define AMOR_VERSION_STRING "0.1.0"

#endif
