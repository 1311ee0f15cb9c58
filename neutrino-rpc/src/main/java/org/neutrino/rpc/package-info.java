/**
 * The message bus between the Neutrino server and its agents: the contract
 * ({@link org.neutrino.rpc.MessageBus}, {@link org.neutrino.rpc.Target},
 * {@link org.neutrino.rpc.Message}, {@link org.neutrino.rpc.RpcHandler}) and the choice of
 * transport from {@code [DEFAULT] transport_url} ({@link org.neutrino.rpc.MessageBuses}).
 *
 * <p>Transports: {@link org.neutrino.rpc.inprocess.InProcessBus} for the all-in-one shape (one
 * instance shared by the server and the agents of one JVM) and
 * {@link org.neutrino.rpc.rabbit.RabbitBus} for RabbitMQ.
 *
 * <p>Compatibility with oslo.messaging: the body of every message is oslo's envelope 2.0
 * ({@code {"oslo.version": "2.0", "oslo.message": "..."}} around {@code method}, {@code args},
 * {@code _msg_id}, {@code _reply_q}), RabbitMQ exchanges and queues have oslo's names
 * ({@code control_exchange} topic exchange, {@code topic} and {@code topic.host} queues,
 * {@code <topic>_fanout} exchanges, {@code reply_<uuid>} reply queues), and a handler's exception
 * travels as oslo's {@code failure} text. Not done yet: the request context
 * ({@code _context_*} keys), {@code version}/{@code namespace} of targets and the declaration
 * arguments oslo uses ({@code x-expires}, durable queues), so mixing Neutrino with Python
 * Neutron processes on one broker is untested.
 */
package org.neutrino.rpc;
