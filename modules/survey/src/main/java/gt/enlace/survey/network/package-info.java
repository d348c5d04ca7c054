/** The exchange network: who exchanges data with whom, digitally on the bus or by hand ({@link gt.enlace.survey.network.ExchangeNetwork}). */
package gt.enlace.survey.network;
