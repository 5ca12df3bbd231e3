/* Linked by the shim tests: answers 0 unless libwspshim.so is preloaded,
 * whose wspshim_active() answers 1 and wins the symbol lookup. */
__attribute__((visibility("default"))) int wspshim_active(void)
{
    return 0;
}
