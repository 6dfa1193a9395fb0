/* wskfuzz_sal.h - the source annotations of the WDK (sal.h, driverspecs.h, concurrencysal.h,
 * the older specstrings.h): documentation for the code analysis tools, empty here. Each is
 * defined only when not defined already, so a driver that defines some itself still builds.
 * (The old double-underscore names that glibc or the Linux headers also use are left out.) */
#ifndef WSKFUZZ_SAL_H
#define WSKFUZZ_SAL_H

#ifndef _In_
#define _In_
#endif
#ifndef _In_opt_
#define _In_opt_
#endif
#ifndef _In_z_
#define _In_z_
#endif
#ifndef _In_opt_z_
#define _In_opt_z_
#endif
#ifndef _Out_
#define _Out_
#endif
#ifndef _Out_opt_
#define _Out_opt_
#endif
#ifndef _Inout_
#define _Inout_
#endif
#ifndef _Inout_opt_
#define _Inout_opt_
#endif
#ifndef _Inout_updates_
#define _Inout_updates_(a0)
#endif
#ifndef _Inout_updates_bytes_
#define _Inout_updates_bytes_(a0)
#endif
#ifndef _Outptr_
#define _Outptr_
#endif
#ifndef _Outptr_opt_
#define _Outptr_opt_
#endif
#ifndef _Outptr_result_maybenull_
#define _Outptr_result_maybenull_
#endif
#ifndef _Outptr_result_bytebuffer_
#define _Outptr_result_bytebuffer_(a0)
#endif
#ifndef _Out_writes_
#define _Out_writes_(a0)
#endif
#ifndef _Out_writes_opt_
#define _Out_writes_opt_(a0)
#endif
#ifndef _Out_writes_bytes_
#define _Out_writes_bytes_(a0)
#endif
#ifndef _Out_writes_bytes_opt_
#define _Out_writes_bytes_opt_(a0)
#endif
#ifndef _Out_writes_bytes_to_
#define _Out_writes_bytes_to_(a0, a1)
#endif
#ifndef _In_reads_
#define _In_reads_(a0)
#endif
#ifndef _In_reads_opt_
#define _In_reads_opt_(a0)
#endif
#ifndef _In_reads_bytes_
#define _In_reads_bytes_(a0)
#endif
#ifndef _In_reads_bytes_opt_
#define _In_reads_bytes_opt_(a0)
#endif
#ifndef _Reserved_
#define _Reserved_
#endif
#ifndef _Must_inspect_result_
#define _Must_inspect_result_
#endif
#ifndef _Check_return_
#define _Check_return_
#endif
#ifndef _Ret_maybenull_
#define _Ret_maybenull_
#endif
#ifndef _Ret_notnull_
#define _Ret_notnull_
#endif
#ifndef _Post_writable_byte_size_
#define _Post_writable_byte_size_(a0)
#endif
#ifndef _Post_invalid_
#define _Post_invalid_
#endif
#ifndef _Pre_notnull_
#define _Pre_notnull_
#endif
#ifndef _Notnull_
#define _Notnull_
#endif
#ifndef _Null_terminated_
#define _Null_terminated_
#endif
#ifndef _At_
#define _At_(a0, a1)
#endif
#ifndef _When_
#define _When_(a0, a1)
#endif
#ifndef _Success_
#define _Success_(a0)
#endif
#ifndef _Field_size_
#define _Field_size_(a0)
#endif
#ifndef _Field_size_opt_
#define _Field_size_opt_(a0)
#endif
#ifndef _Field_size_bytes_
#define _Field_size_bytes_(a0)
#endif
#ifndef _Field_size_bytes_opt_
#define _Field_size_bytes_opt_(a0)
#endif
#ifndef _Field_size_bytes_part_
#define _Field_size_bytes_part_(a0, a1)
#endif
#ifndef _Field_range_
#define _Field_range_(a0, a1)
#endif
#ifndef _Function_class_
#define _Function_class_(a0)
#endif
#ifndef _IRQL_requires_
#define _IRQL_requires_(a0)
#endif
#ifndef _IRQL_requires_max_
#define _IRQL_requires_max_(a0)
#endif
#ifndef _IRQL_requires_min_
#define _IRQL_requires_min_(a0)
#endif
#ifndef _IRQL_requires_same_
#define _IRQL_requires_same_
#endif
#ifndef _IRQL_saves_
#define _IRQL_saves_
#endif
#ifndef _IRQL_restores_
#define _IRQL_restores_
#endif
#ifndef _IRQL_raises_
#define _IRQL_raises_(a0)
#endif
#ifndef _IRQL_saves_global_
#define _IRQL_saves_global_(a0, a1)
#endif
#ifndef _IRQL_restores_global_
#define _IRQL_restores_global_(a0, a1)
#endif
#ifndef _IRQL_always_function_max_
#define _IRQL_always_function_max_(a0)
#endif
#ifndef _Kernel_float_saved_
#define _Kernel_float_saved_
#endif
#ifndef _Kernel_float_restored_
#define _Kernel_float_restored_
#endif
#ifndef _Requires_lock_held_
#define _Requires_lock_held_(a0)
#endif
#ifndef _Requires_lock_not_held_
#define _Requires_lock_not_held_(a0)
#endif
#ifndef _Acquires_lock_
#define _Acquires_lock_(a0)
#endif
#ifndef _Releases_lock_
#define _Releases_lock_(a0)
#endif
#ifndef _Dispatch_type_
#define _Dispatch_type_(a0)
#endif
#ifndef _Use_decl_annotations_
#define _Use_decl_annotations_
#endif
#ifndef _Analysis_assume_
#define _Analysis_assume_(a0)
#endif
#ifndef _Frees_ptr_
#define _Frees_ptr_(a0)
#endif
#ifndef _Frees_ptr_opt_
#define _Frees_ptr_opt_
#endif
#ifndef _Pre_
#define _Pre_
#endif
#ifndef _Post_
#define _Post_
#endif
#ifndef _Deref_out_
#define _Deref_out_
#endif
#ifndef _Printf_format_string_
#define _Printf_format_string_
#endif
#ifndef __drv_aliasesMem
#define __drv_aliasesMem
#endif
#ifndef __drv_allocatesMem
#define __drv_allocatesMem(a0)
#endif
#ifndef __drv_freesMem
#define __drv_freesMem(a0)
#endif
#ifndef __drv_when
#define __drv_when(a0, a1)
#endif
#ifndef __drv_maxIRQL
#define __drv_maxIRQL(a0)
#endif
#ifndef __drv_dispatchType
#define __drv_dispatchType(a0)
#endif
#ifndef __in
#define __in
#endif
#ifndef __out
#define __out
#endif
#ifndef __inout
#define __inout
#endif
#ifndef __in_opt
#define __in_opt
#endif
#ifndef __out_opt
#define __out_opt
#endif
#ifndef _Inout_z_
#define _Inout_z_
#endif
#ifndef _Inout_opt_z_
#define _Inout_opt_z_
#endif
#ifndef _Out_z_
#define _Out_z_
#endif
#ifndef _In_reads_z_
#define _In_reads_z_(a0)
#endif
#ifndef _In_reads_or_z_
#define _In_reads_or_z_(a0)
#endif
#ifndef _In_reads_or_z_opt_
#define _In_reads_or_z_opt_(a0)
#endif
#ifndef _In_reads_to_ptr_
#define _In_reads_to_ptr_(a0)
#endif
#ifndef _In_range_
#define _In_range_(a0, a1)
#endif
#ifndef _Out_range_
#define _Out_range_(a0, a1)
#endif
#ifndef _Ret_range_
#define _Ret_range_(a0, a1)
#endif
#ifndef _Deref_in_range_
#define _Deref_in_range_(a0, a1)
#endif
#ifndef _Deref_out_range_
#define _Deref_out_range_(a0, a1)
#endif
#ifndef _Inout_updates_opt_
#define _Inout_updates_opt_(a0)
#endif
#ifndef _Inout_updates_bytes_opt_
#define _Inout_updates_bytes_opt_(a0)
#endif
#ifndef _Inout_updates_z_
#define _Inout_updates_z_(a0)
#endif
#ifndef _Inout_updates_all_
#define _Inout_updates_all_(a0)
#endif
#ifndef _Inout_updates_bytes_all_
#define _Inout_updates_bytes_all_(a0)
#endif
#ifndef _Inout_updates_to_
#define _Inout_updates_to_(a0, a1)
#endif
#ifndef _Inout_updates_bytes_to_
#define _Inout_updates_bytes_to_(a0, a1)
#endif
#ifndef _Out_writes_z_
#define _Out_writes_z_(a0)
#endif
#ifndef _Out_writes_to_
#define _Out_writes_to_(a0, a1)
#endif
#ifndef _Out_writes_to_opt_
#define _Out_writes_to_opt_(a0, a1)
#endif
#ifndef _Out_writes_all_
#define _Out_writes_all_(a0)
#endif
#ifndef _Out_writes_all_opt_
#define _Out_writes_all_opt_(a0)
#endif
#ifndef _Out_writes_bytes_all_
#define _Out_writes_bytes_all_(a0)
#endif
#ifndef _Out_writes_bytes_all_opt_
#define _Out_writes_bytes_all_opt_(a0)
#endif
#ifndef _Out_writes_bytes_to_opt_
#define _Out_writes_bytes_to_opt_(a0, a1)
#endif
#ifndef _Outptr_result_z_
#define _Outptr_result_z_
#endif
#ifndef _Outptr_opt_result_z_
#define _Outptr_opt_result_z_
#endif
#ifndef _Outptr_result_maybenull_z_
#define _Outptr_result_maybenull_z_
#endif
#ifndef _Outptr_opt_result_maybenull_
#define _Outptr_opt_result_maybenull_
#endif
#ifndef _Outptr_result_nullonfailure_
#define _Outptr_result_nullonfailure_
#endif
#ifndef _Outptr_opt_result_nullonfailure_
#define _Outptr_opt_result_nullonfailure_
#endif
#ifndef _Outptr_result_buffer_
#define _Outptr_result_buffer_(a0)
#endif
#ifndef _Outptr_result_buffer_maybenull_
#define _Outptr_result_buffer_maybenull_(a0)
#endif
#ifndef _Outptr_opt_result_buffer_
#define _Outptr_opt_result_buffer_(a0)
#endif
#ifndef _Outptr_result_bytebuffer_maybenull_
#define _Outptr_result_bytebuffer_maybenull_(a0)
#endif
#ifndef _Outptr_opt_result_bytebuffer_
#define _Outptr_opt_result_bytebuffer_(a0)
#endif
#ifndef _Outptr_result_bytebuffer_to_
#define _Outptr_result_bytebuffer_to_(a0, a1)
#endif
#ifndef _Outptr_result_buffer_to_
#define _Outptr_result_buffer_to_(a0, a1)
#endif
#ifndef _COM_Outptr_
#define _COM_Outptr_
#endif
#ifndef _COM_Outptr_opt_
#define _COM_Outptr_opt_
#endif
#ifndef _Deref_out_opt_
#define _Deref_out_opt_
#endif
#ifndef _Deref_inout_
#define _Deref_inout_
#endif
#ifndef _Deref_out_z_
#define _Deref_out_z_
#endif
#ifndef _Deref_pre_maybenull_
#define _Deref_pre_maybenull_
#endif
#ifndef _Deref_post_maybenull_
#define _Deref_post_maybenull_
#endif
#ifndef _Ret_z_
#define _Ret_z_
#endif
#ifndef _Ret_maybenull_z_
#define _Ret_maybenull_z_
#endif
#ifndef _Ret_null_
#define _Ret_null_
#endif
#ifndef _Ret_valid_
#define _Ret_valid_
#endif
#ifndef _Ret_writes_
#define _Ret_writes_(a0)
#endif
#ifndef _Ret_writes_z_
#define _Ret_writes_z_(a0)
#endif
#ifndef _Ret_writes_bytes_
#define _Ret_writes_bytes_(a0)
#endif
#ifndef _Ret_writes_maybenull_
#define _Ret_writes_maybenull_(a0)
#endif
#ifndef _Ret_writes_bytes_maybenull_
#define _Ret_writes_bytes_maybenull_(a0)
#endif
#ifndef _Result_nullonfailure_
#define _Result_nullonfailure_
#endif
#ifndef _Result_zeroonfailure_
#define _Result_zeroonfailure_
#endif
#ifndef _On_failure_
#define _On_failure_(a0)
#endif
#ifndef _Always_
#define _Always_(a0)
#endif
#ifndef _Post_satisfies_
#define _Post_satisfies_(a0)
#endif
#ifndef _Pre_satisfies_
#define _Pre_satisfies_(a0)
#endif
#ifndef _Satisfies_
#define _Satisfies_(a0)
#endif
#ifndef _Pre_valid_
#define _Pre_valid_
#endif
#ifndef _Post_valid_
#define _Post_valid_
#endif
#ifndef _Pre_maybenull_
#define _Pre_maybenull_
#endif
#ifndef _Post_maybenull_
#define _Post_maybenull_
#endif
#ifndef _Pre_null_
#define _Pre_null_
#endif
#ifndef _Post_null_
#define _Post_null_
#endif
#ifndef _Post_notnull_
#define _Post_notnull_
#endif
#ifndef _Pre_z_
#define _Pre_z_
#endif
#ifndef _Post_z_
#define _Post_z_
#endif
#ifndef _Pre_readable_size_
#define _Pre_readable_size_(a0)
#endif
#ifndef _Pre_writable_size_
#define _Pre_writable_size_(a0)
#endif
#ifndef _Pre_readable_byte_size_
#define _Pre_readable_byte_size_(a0)
#endif
#ifndef _Pre_writable_byte_size_
#define _Pre_writable_byte_size_(a0)
#endif
#ifndef _Post_readable_size_
#define _Post_readable_size_(a0)
#endif
#ifndef _Post_writable_size_
#define _Post_writable_size_(a0)
#endif
#ifndef _Post_readable_byte_size_
#define _Post_readable_byte_size_(a0)
#endif
#ifndef _Pre_equal_to_
#define _Pre_equal_to_(a0)
#endif
#ifndef _Post_equal_to_
#define _Post_equal_to_(a0)
#endif
#ifndef _Unchanged_
#define _Unchanged_(a0)
#endif
#ifndef _Const_
#define _Const_
#endif
#ifndef _Literal_
#define _Literal_
#endif
#ifndef _Notliteral_
#define _Notliteral_
#endif
#ifndef _Points_to_data_
#define _Points_to_data_
#endif
#ifndef _Readable_bytes_
#define _Readable_bytes_(a0)
#endif
#ifndef _Readable_elements_
#define _Readable_elements_(a0)
#endif
#ifndef _Writable_bytes_
#define _Writable_bytes_(a0)
#endif
#ifndef _Writable_elements_
#define _Writable_elements_(a0)
#endif
#ifndef _Struct_size_bytes_
#define _Struct_size_bytes_(a0)
#endif
#ifndef _Field_z_
#define _Field_z_
#endif
#ifndef _Field_size_full_
#define _Field_size_full_(a0)
#endif
#ifndef _Field_size_full_opt_
#define _Field_size_full_opt_(a0)
#endif
#ifndef _Field_size_part_
#define _Field_size_part_(a0, a1)
#endif
#ifndef _Field_size_part_opt_
#define _Field_size_part_opt_(a0, a1)
#endif
#ifndef _Field_size_bytes_full_
#define _Field_size_bytes_full_(a0)
#endif
#ifndef _Field_size_bytes_full_opt_
#define _Field_size_bytes_full_opt_(a0)
#endif
#ifndef _Field_size_bytes_part_opt_
#define _Field_size_bytes_part_opt_(a0, a1)
#endif
#ifndef _NullNull_terminated_
#define _NullNull_terminated_
#endif
#ifndef _In_NLS_string_
#define _In_NLS_string_(a0)
#endif
#ifndef _Printf_format_string_params_
#define _Printf_format_string_params_(a0)
#endif
#ifndef _Scanf_format_string_
#define _Scanf_format_string_
#endif
#ifndef _Scanf_s_format_string_
#define _Scanf_s_format_string_
#endif
#ifndef _Format_string_impl_
#define _Format_string_impl_(a0, a1)
#endif
#ifndef _Strict_type_match_
#define _Strict_type_match_
#endif
#ifndef _Enum_is_bitflag_
#define _Enum_is_bitflag_
#endif
#ifndef _Maybe_raises_SEH_exception_
#define _Maybe_raises_SEH_exception_
#endif
#ifndef _Raises_SEH_exception_
#define _Raises_SEH_exception_
#endif
#ifndef _Analysis_noreturn_
#define _Analysis_noreturn_
#endif
#ifndef _Analysis_mode_
#define _Analysis_mode_(a0)
#endif
#ifndef _Analysis_assume_nullterminated_
#define _Analysis_assume_nullterminated_(a0)
#endif
#ifndef _In_defensive_
#define _In_defensive_(a0)
#endif
#ifndef _Out_defensive_
#define _Out_defensive_(a0)
#endif
#ifndef _Inout_defensive_
#define _Inout_defensive_(a0)
#endif
#ifndef _Pre_defensive_
#define _Pre_defensive_
#endif
#ifndef _Post_defensive_
#define _Post_defensive_
#endif
#ifndef _Interlocked_operand_
#define _Interlocked_operand_
#endif
#ifndef _Interlocked_
#define _Interlocked_
#endif
#ifndef _Guarded_by_
#define _Guarded_by_(a0)
#endif
#ifndef _Write_guarded_by_
#define _Write_guarded_by_(a0)
#endif
#ifndef _Benign_race_begin_
#define _Benign_race_begin_
#endif
#ifndef _Benign_race_end_
#define _Benign_race_end_
#endif
#ifndef _No_competing_thread_
#define _No_competing_thread_
#endif
#ifndef _No_competing_thread_begin_
#define _No_competing_thread_begin_
#endif
#ifndef _No_competing_thread_end_
#define _No_competing_thread_end_
#endif
#ifndef _Acquires_exclusive_lock_
#define _Acquires_exclusive_lock_(a0)
#endif
#ifndef _Acquires_shared_lock_
#define _Acquires_shared_lock_(a0)
#endif
#ifndef _Releases_exclusive_lock_
#define _Releases_exclusive_lock_(a0)
#endif
#ifndef _Releases_shared_lock_
#define _Releases_shared_lock_(a0)
#endif
#ifndef _Requires_exclusive_lock_held_
#define _Requires_exclusive_lock_held_(a0)
#endif
#ifndef _Requires_shared_lock_held_
#define _Requires_shared_lock_held_(a0)
#endif
#ifndef _Requires_no_locks_held_
#define _Requires_no_locks_held_
#endif
#ifndef _Acquires_nonreentrant_lock_
#define _Acquires_nonreentrant_lock_(a0)
#endif
#ifndef _Releases_nonreentrant_lock_
#define _Releases_nonreentrant_lock_(a0)
#endif
#ifndef _Has_lock_kind_
#define _Has_lock_kind_(a0)
#endif
#ifndef _Has_lock_level_
#define _Has_lock_level_(a0)
#endif
#ifndef _Lock_level_order_
#define _Lock_level_order_(a0, a1)
#endif
#ifndef _Create_lock_level_
#define _Create_lock_level_(a0)
#endif
#ifndef _Post_same_lock_
#define _Post_same_lock_(a0, a1)
#endif
#ifndef _Internal_set_lock_count_
#define _Internal_set_lock_count_(a0, a1)
#endif
#ifndef _Post_lock_level_set_
#define _Post_lock_level_set_(a0)
#endif
#ifndef _Pre_lock_level_set_
#define _Pre_lock_level_set_(a0)
#endif
#ifndef _Csalcat1_
#define _Csalcat1_(a0, a1)
#endif
#ifndef _Csalcat2_
#define _Csalcat2_(a0, a1)
#endif
#ifndef _IRQL_uses_cancel_
#define _IRQL_uses_cancel_
#endif
#ifndef _IRQL_is_cancel_
#define _IRQL_is_cancel_
#endif
#ifndef _IRQL_lowers_
#define _IRQL_lowers_(a0)
#endif
#ifndef _Kernel_clear_do_init_
#define _Kernel_clear_do_init_(a0)
#endif
#ifndef _Kernel_requires_resource_held_
#define _Kernel_requires_resource_held_(a0)
#endif
#ifndef _Kernel_requires_resource_not_held_
#define _Kernel_requires_resource_not_held_(a0)
#endif
#ifndef _Kernel_acquires_resource_
#define _Kernel_acquires_resource_(a0)
#endif
#ifndef _Kernel_releases_resource_
#define _Kernel_releases_resource_(a0)
#endif
#ifndef _Kernel_float_used_
#define _Kernel_float_used_
#endif
#ifndef _Kernel_IoGetDmaAdapter_
#define _Kernel_IoGetDmaAdapter_
#endif
#ifndef _Kernel_ReleaseSpinLock_
#define _Kernel_ReleaseSpinLock_
#endif
#ifndef _Kernel_entry_
#define _Kernel_entry_(a0)
#endif
#ifndef _Kernel_entry_always_
#define _Kernel_entry_always_(a0)
#endif
#ifndef _Function_ignore_lock_checking_
#define _Function_ignore_lock_checking_(a0)
#endif
#ifndef _Inexpressible_
#define _Inexpressible_(a0)
#endif
#ifndef _Null_
#define _Null_
#endif
#ifndef _Maybenull_
#define _Maybenull_
#endif
#ifndef _Valid_
#define _Valid_
#endif
#ifndef _Notvalid_
#define _Notvalid_
#endif
#ifndef _Maybevalid_
#define _Maybevalid_
#endif
#ifndef _Readable_size_
#define _Readable_size_(a0)
#endif
#ifndef _Writable_size_
#define _Writable_size_(a0)
#endif
#ifndef _Flt_CompletionContext_Outptr_
#define _Flt_CompletionContext_Outptr_
#endif
#ifndef _Flt_ConnectionCookie_Outptr_
#define _Flt_ConnectionCookie_Outptr_
#endif
#ifndef _Flt_FileNameInformation_Outptr_
#define _Flt_FileNameInformation_Outptr_(a0)
#endif
#ifndef _Ret_opt_bytecap_
#define _Ret_opt_bytecap_(a0)
#endif
#ifndef _Ret_bytecap_
#define _Ret_bytecap_(a0)
#endif
#ifndef _Ret_opt_bytecount_
#define _Ret_opt_bytecount_(a0)
#endif
#ifndef _Post_ptr_invalid_
#define _Post_ptr_invalid_
#endif
#ifndef _Deref_post_z_
#define _Deref_post_z_
#endif
#ifndef _Deref_prepost_z_
#define _Deref_prepost_z_
#endif
#ifndef _Pre_opt_valid_
#define _Pre_opt_valid_
#endif
#ifndef _Return_type_success_
#define _Return_type_success_(a0)
#endif
#ifndef _At_buffer_
#define _At_buffer_(a0, a1, a2, a3)
#endif
#ifndef _Group_
#define _Group_(a0)
#endif
#ifndef _Deref_pre_notnull_
#define _Deref_pre_notnull_
#endif
#ifndef _Deref_post_notnull_
#define _Deref_post_notnull_
#endif
#ifndef _Deref_post_null_
#define _Deref_post_null_
#endif
#ifndef _Deref_ret_z_
#define _Deref_ret_z_
#endif
#ifndef __drv_minIRQL
#define __drv_minIRQL(a0)
#endif
#ifndef __drv_dispatchType_other
#define __drv_dispatchType_other
#endif
#ifndef __drv_requiresIRQL
#define __drv_requiresIRQL(a0)
#endif
#ifndef __drv_raisesIRQL
#define __drv_raisesIRQL(a0)
#endif
#ifndef __drv_setsIRQL
#define __drv_setsIRQL(a0)
#endif
#ifndef __drv_savesIRQL
#define __drv_savesIRQL
#endif
#ifndef __drv_restoresIRQL
#define __drv_restoresIRQL
#endif
#ifndef __drv_savesIRQLGlobal
#define __drv_savesIRQLGlobal(a0, a1)
#endif
#ifndef __drv_restoresIRQLGlobal
#define __drv_restoresIRQLGlobal(a0, a1)
#endif
#ifndef __drv_sameIRQL
#define __drv_sameIRQL
#endif
#ifndef __drv_useCancelIRQL
#define __drv_useCancelIRQL
#endif
#ifndef __drv_isCancelIRQL
#define __drv_isCancelIRQL
#endif
#ifndef __drv_inTry
#define __drv_inTry
#endif
#ifndef __drv_mustHold
#define __drv_mustHold(a0)
#endif
#ifndef __drv_neverHold
#define __drv_neverHold(a0)
#endif
#ifndef __drv_acquiresResource
#define __drv_acquiresResource(a0)
#endif
#ifndef __drv_releasesResource
#define __drv_releasesResource(a0)
#endif
#ifndef __drv_mustHoldGlobal
#define __drv_mustHoldGlobal(a0, a1)
#endif
#ifndef __drv_neverHoldGlobal
#define __drv_neverHoldGlobal(a0, a1)
#endif
#ifndef __drv_acquiresResourceGlobal
#define __drv_acquiresResourceGlobal(a0, a1)
#endif
#ifndef __drv_releasesResourceGlobal
#define __drv_releasesResourceGlobal(a0, a1)
#endif
#ifndef __drv_completionType
#define __drv_completionType(a0)
#endif
#ifndef __drv_functionClass
#define __drv_functionClass(a0)
#endif
#ifndef __drv_strictTypeMatch
#define __drv_strictTypeMatch(a0)
#endif
#ifndef __drv_strictType
#define __drv_strictType(a0, a1)
#endif
#ifndef __drv_isObjectPointer
#define __drv_isObjectPointer
#endif
#ifndef __drv_preferredFunction
#define __drv_preferredFunction(a0, a1)
#endif
#ifndef __drv_reportError
#define __drv_reportError(a0)
#endif
#ifndef __drv_valueIs
#define __drv_valueIs(a0)
#endif
#ifndef __drv_clearDoInit
#define __drv_clearDoInit(a0)
#endif
#ifndef __drv_at
#define __drv_at(a0, a1)
#endif
#ifndef __drv_out
#define __drv_out(a0)
#endif
#ifndef __drv_in
#define __drv_in(a0)
#endif
#ifndef __drv_arg
#define __drv_arg(a0, a1)
#endif
#ifndef __drv_deref
#define __drv_deref(a0)
#endif
#ifndef __drv_constant
#define __drv_constant
#endif
#ifndef __drv_nonConstant
#define __drv_nonConstant
#endif
#ifndef __drv_formatString
#define __drv_formatString(a0)
#endif
#ifndef __drv_interlocked
#define __drv_interlocked
#endif
#ifndef __drv_notPointer
#define __drv_notPointer
#endif
#ifndef __drv_floatUsed
#define __drv_floatUsed
#endif
#ifndef __drv_acquiresCancelSpinLock
#define __drv_acquiresCancelSpinLock
#endif
#ifndef __drv_releasesCancelSpinLock
#define __drv_releasesCancelSpinLock
#endif
#ifndef __drv_mustHoldCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#endif
#ifndef __drv_neverHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#endif
#ifndef __drv_acquiresExclusiveResource
#define __drv_acquiresExclusiveResource(a0)
#endif
#ifndef __drv_releasesExclusiveResource
#define __drv_releasesExclusiveResource(a0)
#endif
#ifndef __drv_Mode_impl
#define __drv_Mode_impl(a0)
#endif
#ifndef __drv_out_deref
#define __drv_out_deref(a0)
#endif
#ifndef __drv_in_deref
#define __drv_in_deref(a0)
#endif
#ifndef __drv_ret
#define __drv_ret(a0)
#endif
#ifndef __inout_opt
#define __inout_opt
#endif
#ifndef __in_z
#define __in_z
#endif
#ifndef __in_opt_z
#define __in_opt_z
#endif
#ifndef __in_bcount
#define __in_bcount(a0)
#endif
#ifndef __in_ecount
#define __in_ecount(a0)
#endif
#ifndef __in_bcount_opt
#define __in_bcount_opt(a0)
#endif
#ifndef __in_ecount_opt
#define __in_ecount_opt(a0)
#endif
#ifndef __out_bcount
#define __out_bcount(a0)
#endif
#ifndef __out_ecount
#define __out_ecount(a0)
#endif
#ifndef __out_bcount_opt
#define __out_bcount_opt(a0)
#endif
#ifndef __out_ecount_opt
#define __out_ecount_opt(a0)
#endif
#ifndef __out_bcount_part
#define __out_bcount_part(a0, a1)
#endif
#ifndef __out_ecount_part
#define __out_ecount_part(a0, a1)
#endif
#ifndef __inout_bcount
#define __inout_bcount(a0)
#endif
#ifndef __inout_ecount
#define __inout_ecount(a0)
#endif
#ifndef __deref_out
#define __deref_out
#endif
#ifndef __deref_out_opt
#define __deref_out_opt
#endif
#ifndef __deref_opt_out
#define __deref_opt_out
#endif
#ifndef __checkReturn
#define __checkReturn
#endif

#endif /* WSKFUZZ_SAL_H */
