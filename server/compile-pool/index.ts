export { CompileError, CompilePool, sharedCompilePool, type CompilePoolOptions } from './compile-pool.js';
