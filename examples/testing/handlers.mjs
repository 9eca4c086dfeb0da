// Local handlers for the states a test case does not mock (the hybrid path's SQSState).
// Keys are state names or resource ARNs; a handler gets the task's parameters and returns its
// result, or throws an object with `error` and `cause` to fail the attempt.
export default {
  'arn:aws:states:::sqs:sendMessage': async (parameters) => {
    if (typeof parameters.QueueUrl !== 'string') throw { error: 'SQS.InvalidAddressException', cause: 'QueueUrl is required' };
    return { MessageId: 'local-1', MD5OfMessageBody: 'local' };
  },
};
