using System;
using System.Management.Automation;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>The one place that turns Core failures into ErrorRecords with stable ErrorIds, categories, targets and remedies.</summary>
public static class ErrorRecordFactory
{
    public static ErrorRecord Create(LoopbackToolsException exception)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        var record = new ErrorRecord(exception, exception.ErrorId, ToCategory(exception.Kind), exception.TargetObject)
        {
            ErrorDetails = new ErrorDetails(exception.FullMessage),
        };
        if (exception.Remedy.Length > 0)
        {
            record.ErrorDetails.RecommendedAction = exception.Remedy;
        }

        return record;
    }

    public static ErrorCategory ToCategory(ErrorKind kind) => kind switch
    {
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        ErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        _ => ErrorCategory.NotSpecified,
    };
}
